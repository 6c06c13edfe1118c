package org.keyward.engine.pki;

import io.vertx.core.Future;
import java.security.cert.X509Certificate;

/**
 * Told of each certificate a PKI mount revokes, after the revocation is stored and on the CRL. The
 * server uses it to revoke the tokens a certificate login obtained with that certificate. A failure
 * fails the {@code revoke} request (the revocation itself stays; a retry tells the listener again).
 */
@FunctionalInterface
public interface RevocationListener {
  RevocationListener NONE = certificate -> Future.succeededFuture();

  Future<Void> revoked(X509Certificate certificate);
}
