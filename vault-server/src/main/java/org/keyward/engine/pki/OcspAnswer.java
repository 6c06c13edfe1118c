package org.keyward.engine.pki;

import java.time.Instant;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * What the responder says about one certificate asked for: good, revoked (with when) or unknown
 * (not issued by this mount's CA, or not in its store).
 *
 * @param revokedAt set only for {@link Status#REVOKED}
 */
record OcspAnswer(CertificateID id, Status status, Instant revokedAt) {
  enum Status {
    GOOD,
    REVOKED,
    UNKNOWN
  }

  static OcspAnswer good(CertificateID id) {
    return new OcspAnswer(id, Status.GOOD, null);
  }

  static OcspAnswer revoked(CertificateID id, Instant at) {
    return new OcspAnswer(id, Status.REVOKED, at);
  }

  static OcspAnswer unknown(CertificateID id) {
    return new OcspAnswer(id, Status.UNKNOWN, null);
  }
}
