package org.keyward.hsm;

/**
 * Wraps key bytes under a KEK that never leaves the HSM (RFC 5649 key wrap with padding where the
 * token offers {@code CKM_AES_KEY_WRAP_PAD}). Thread-safe and blocking.
 */
public interface KeyWrapper {
  KeyRef ref();

  byte[] wrap(byte[] keyBytes) throws HsmException;

  /** Fails with {@link HsmException.Kind#INTEGRITY} when the blob was not wrapped by this KEK. */
  byte[] unwrap(byte[] wrapped) throws HsmException;
}
