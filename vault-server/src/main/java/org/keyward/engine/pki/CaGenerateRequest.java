package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A {@code root/generate/:type} or {@code intermediate/generate/:type} request. Only {@code
 * internal} is served: CA keys are made in the HSM and never leave it, so {@code exported} is
 * refused, as are {@code existing} and {@code kms}.
 *
 * @param maxPathLength -1 for no constraint
 */
record CaGenerateRequest(
    X500Name subject,
    List<String> altNames,
    List<String> ipSans,
    long ttl,
    CaKeyType keyType,
    int maxPathLength,
    CertificateFormat format) {
  /** Vault's default lifetime for a generated root: the system max TTL, 32 days. */
  static final long DEFAULT_TTL = PkiRole.DEFAULT_MAX_TTL;

  CaGenerateRequest {
    altNames = List.copyOf(altNames);
    ipSans = List.copyOf(ipSans);
  }

  static CaGenerateRequest from(RequestContext request) {
    String type = request.param("type");
    if (type.equals("exported")) {
      throw ApiError.badRequest(
          "exported CA keys are refused: Keyward generates CA keys in the HSM and never exports"
              + " them; use 'internal'");
    }
    if (!type.equals("internal")) {
      throw ApiError.badRequest("unsupported type '" + type + "': use 'internal'");
    }
    JsonObject body = request.body();
    String commonName = Fields.requiredString(body, "common_name");
    List<String> altNames = Fields.stringList(body, "alt_names");
    for (String name : altNames) {
      if (!RoleNamePolicy.isHostname(name)) {
        throw ApiError.badRequest("alt_names entry '" + name + "' is not a host name");
      }
    }
    long maxPath = Fields.integer(body, "max_path_length", -1);
    if (maxPath < -1 || maxPath > 16) {
      throw ApiError.badRequest("field 'max_path_length' must be between -1 and 16");
    }
    long ttl = Fields.durationSeconds(body, "ttl", DEFAULT_TTL);
    return new CaGenerateRequest(
        CertificateProfile.subject(
            commonName,
            Fields.stringList(body, "organization"),
            Fields.stringList(body, "ou"),
            Fields.stringList(body, "country")),
        altNames,
        RequestedNames.validIps(Fields.stringList(body, "ip_sans")),
        ttl == 0 ? DEFAULT_TTL : ttl,
        CaKeyType.of(Fields.string(body, "key_type", "ec"), Fields.integer(body, "key_bits", 0)),
        (int) maxPath,
        CertificateFormat.from(body));
  }
}
