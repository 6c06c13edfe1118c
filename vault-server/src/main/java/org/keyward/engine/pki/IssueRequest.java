package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
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
        RequestedNames.of(
            Fields.string(body, "common_name", null),
            Fields.stringList(body, "alt_names"),
            Fields.stringList(body, "ip_sans")),
        Fields.durationSeconds(body, "ttl", 0),
        CertificateFormat.from(body),
        CertificateFormat.pkcs8(body));
  }
}
