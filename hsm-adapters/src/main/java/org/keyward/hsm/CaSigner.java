package org.keyward.hsm;

import java.security.PublicKey;

/**
 * A private signing key that stays in the HSM. Thread-safe; every call blocks on the HSM, so call
 * it from a worker thread, never an event loop.
 */
public interface CaSigner {
  KeyRef ref();

  SigningAlgorithm algorithm();

  /** The public half, read from the token once and cached. */
  PublicKey publicKey();

  /**
   * Signs {@code data} (the whole message; hashing happens here) and returns the signature in the
   * encoding X.509 and the JCA expect: DER {@code SEQUENCE{r,s}} for ECDSA, PKCS#1 v1.5 for RSA.
   *
   * @throws HsmException if the token is unavailable or refuses the operation
   */
  byte[] sign(byte[] data) throws HsmException;
}
