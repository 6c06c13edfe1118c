package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * An {@code issue/:role} request: the names, an optional TTL (0: the role's) and the output format.
 * Shape only; the role's rules are applied when it acts.
 */
record IssueRequest(
    RoleName role, RequestedNames names, long ttl, CertificateFormat format, boolean pkcs8) {
  static IssueRequest from(RequestContext request) {
    JsonObject body = request.body();
    return new IssueRequest(
        RoleName.from(request),
        RequestedNames.fromBody(
            body, Fields.string(body, "common_name", null), List.of(), List.of()),
        Fields.durationSeconds(body, "ttl", 0),
        CertificateFormat.from(body),
        CertificateFormat.pkcs8(body));
  }
}
