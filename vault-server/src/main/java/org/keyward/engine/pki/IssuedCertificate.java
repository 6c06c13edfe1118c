package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A certificate this mount issued, as stored under {@code certs/<serial>}: the certificate only
 * (never its private key) and, once revoked, when.
 *
 * @param revokedAt null while not revoked
 */
record IssuedCertificate(X509Certificate certificate, Instant revokedAt) {
  BigInteger serial() {
    return certificate.getSerialNumber();
  }

  IssuedCertificate revoked(Instant at) {
    return new IssuedCertificate(certificate, at);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("certificate", PemCodec.pem(certificate))
        .put("revocation_time", revokedAt == null ? 0 : revokedAt.getEpochSecond());
  }

  static IssuedCertificate fromJson(JsonObject json) {
    long revoked = json.getLong("revocation_time", 0L);
    return new IssuedCertificate(
        PemCodec.certificate(json.getString("certificate")),
        revoked == 0 ? null : Instant.ofEpochSecond(revoked));
  }

  /** Vault's {@code cert/<serial>} data. */
  JsonObject toResponse() {
    JsonObject data =
        new JsonObject()
            .put("certificate", PemCodec.pem(certificate))
            .put("serial_number", SerialNumbers.colon(serial()))
            .put("expiration", certificate.getNotAfter().toInstant().getEpochSecond())
            .put("revocation_time", revokedAt == null ? 0 : revokedAt.getEpochSecond());
    if (revokedAt != null) {
      data.put("revocation_time_rfc3339", revokedAt.toString());
    }
    return data;
  }
}
