package org.keyward.snapshot;

import java.security.GeneralSecurityException;
import java.security.PublicKey;

/**
 * Signs snapshot manifests with a key that stays in the HSM. This package may not import {@code
 * org.keyward.hsm} (layering), so the server adapts an HSM signer to it. Blocking: called only on a
 * worker thread, never on an event loop.
 */
public interface ManifestSigner {
  /** The JCA signature name, e.g. {@code SHA256withECDSA}. */
  String algorithm();

  PublicKey publicKey() throws GeneralSecurityException;

  /** Signs {@code data} (hashing included). */
  byte[] sign(byte[] data) throws GeneralSecurityException;
}
