package org.keyward.engine.pki;

import io.vertx.core.Future;

/**
 * Where CA private keys live: the PKI engine names keys and asks for signatures, and never sees
 * private key material. The server implements it over the HSM; tests over JDK key pairs. Methods
 * never block the caller (HSM work runs on the {@code hsm} worker pool).
 */
public interface CaKeyCustody {
  /**
   * Generates a key pair of {@code type} under {@code keyName} (find-or-create: a key already under
   * that name and of that type is returned, so a retried request does not leave orphans).
   */
  Future<CaKey> createKey(String keyName, CaKeyType type);

  /** The key under {@code keyName}; fails with a 503 {@code ApiError} if custody lacks it. */
  Future<CaKey> key(String keyName);
}
