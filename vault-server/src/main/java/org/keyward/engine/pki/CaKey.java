package org.keyward.engine.pki;

import io.vertx.core.Future;
import java.security.PublicKey;

/**
 * A certificate authority's signing key whose private half stays in custody (the HSM). Thread-safe.
 */
public interface CaKey {
  /** The custody name this key was created under. */
  String name();

  CaKeyType type();

  PublicKey publicKey();

  /**
   * Signs {@code tbs} (the whole message; hashing happens in custody) with {@link
   * CaKeyType#jcaSignatureAlgorithm()}, answering DER {@code SEQUENCE{r,s}} for ECDSA and PKCS#1
   * v1.5 for RSA. Never blocks the caller: custody work runs on its own worker pool, and the future
   * must complete from there, because the engine may be waiting for it on a Vert.x default-pool
   * worker thread (never on an event loop). Fails with an {@code ApiError} (503) when custody is
   * unavailable.
   */
  Future<byte[]> sign(byte[] tbs);
}
