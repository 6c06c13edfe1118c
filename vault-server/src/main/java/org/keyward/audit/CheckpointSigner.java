package org.keyward.audit;

import java.security.GeneralSecurityException;
import java.security.PublicKey;

/**
 * Signs audit checkpoints with a key that stays in the HSM. The audit package may not import {@code
 * org.keyward.hsm} (layering), so the server adapts an HSM {@code CaSigner} to this interface
 * ({@code HsmException} is a {@code GeneralSecurityException}). Blocking: called only on the
 * signing executor, never on an event loop.
 */
public interface CheckpointSigner {
  /** The JCA signature name, e.g. {@code SHA256withECDSA}. */
  String algorithm();

  PublicKey publicKey();

  /** Signs {@code data} (hashing included), DER-encoded for ECDSA. */
  byte[] sign(byte[] data) throws GeneralSecurityException;
}
