package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A {@code sign/:role} request: a CSR (checked here: well formed, validly self-signed, strong key),
 * an optional common name (else the CSR's), extra SANs, TTL and format. The certificate carries the
 * CSR's SANs and the request's, all checked against the role when it acts.
 */
record SignRequest(
    RoleName role,
    CsrValidator.ValidCsr csr,
    RequestedNames names,
    long ttl,
    CertificateFormat format) {
  static SignRequest from(RequestContext request) {
    JsonObject body = request.body();
    CsrValidator.ValidCsr csr = CsrValidator.validate(Fields.requiredString(body, "csr"));
    String commonName = Fields.string(body, "common_name", null);
    if (commonName == null || commonName.isEmpty()) {
      commonName = csr.commonName();
    }
    if (commonName == null || commonName.isEmpty()) {
      throw ApiError.badRequest("the CSR has no common name and the request gives none");
    }
    RequestedNames names =
        RequestedNames.fromBody(body, commonName, csr.dnsNames(), csr.ipAddresses());
    return new SignRequest(
        RoleName.from(request),
        csr,
        names,
        Fields.durationSeconds(body, "ttl", 0),
        CertificateFormat.from(body));
  }
}
