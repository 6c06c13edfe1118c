package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A {@code root/sign-intermediate} request: a checked CSR, the subject (common name from the
 * request or else the CSR), SANs, TTL and the path length constraint (-1: one less than the
 * issuer's).
 */
record SignIntermediateRequest(
    CsrValidator.ValidCsr csr,
    X500Name subject,
    List<String> altNames,
    List<String> ipSans,
    long ttl,
    int maxPathLength,
    CertificateFormat format) {
  static SignIntermediateRequest from(RequestContext request) {
    JsonObject body = request.body();
    CsrValidator.ValidCsr csr = CsrValidator.validate(Fields.requiredString(body, "csr"));
    String commonName = Fields.string(body, "common_name", csr.commonName());
    if (commonName == null || commonName.isEmpty()) {
      throw ApiError.badRequest("the CSR has no common name and the request gives none");
    }
    long maxPath = Fields.integer(body, "max_path_length", -1);
    if (maxPath < -1 || maxPath > 16) {
      throw ApiError.badRequest("field 'max_path_length' must be between -1 and 16");
    }
    long ttl = Fields.durationSeconds(body, "ttl", CaGenerateRequest.DEFAULT_TTL);
    return new SignIntermediateRequest(
        csr,
        CertificateProfile.subject(
            commonName,
            Fields.stringList(body, "organization"),
            Fields.stringList(body, "ou"),
            Fields.stringList(body, "country")),
        Fields.stringList(body, "alt_names"),
        RequestedNames.validIps(Fields.stringList(body, "ip_sans")),
        ttl == 0 ? CaGenerateRequest.DEFAULT_TTL : ttl,
        (int) maxPath,
        CertificateFormat.from(body));
  }
}
