package org.keyward.auth.cert;

import io.vertx.core.Future;
import java.security.cert.X509Certificate;

/**
 * Whether a certificate one of this server's own PKI mounts issued is revoked, read from that
 * mount's store (no network, no CRL age). The server implements it over its pki mounts; a
 * certificate no mount issued is simply not revoked here (CRLs and OCSP may still say so).
 */
@FunctionalInterface
public interface LocalRevocationLookup {
  LocalRevocationLookup NONE = certificate -> Future.succeededFuture(false);

  Future<Boolean> isRevoked(X509Certificate certificate);
}
