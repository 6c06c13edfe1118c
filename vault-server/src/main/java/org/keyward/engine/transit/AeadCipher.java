package org.keyward.engine.transit;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM or ChaCha20-Poly1305 over one raw key, in Vault's payload layout {@code nonce(12) ||
 * ciphertext || tag(16)}. The JDK's {@link Cipher} does the cryptography; this class only frames
 * it. Immutable and thread-safe (a {@code Cipher} is made per call).
 */
final class AeadCipher {
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final boolean chacha;
  private final SecretKey key;

  AeadCipher(KeyType type, byte[] rawKey) {
    if (!type.isAead()) {
      throw new IllegalArgumentException("not an AEAD key type: " + type.wireName());
    }
    this.chacha = type == KeyType.CHACHA20_POLY1305;
    if (chacha ? rawKey.length != 32 : rawKey.length != 16 && rawKey.length != 32) {
      throw new IllegalArgumentException("wrong key length for " + type.wireName());
    }
    this.key = new SecretKeySpec(rawKey, chacha ? "ChaCha20" : "AES");
  }

  /** Seals under a fresh random nonce. */
  byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return seal(nonce, plaintext, associatedData);
  }

  /** Seals under {@code nonce}; callers guarantee it is never reused with other plaintext. */
  byte[] seal(byte[] nonce, byte[] plaintext, byte[] associatedData) {
    try {
      Cipher cipher = init(Cipher.ENCRYPT_MODE, nonce);
      if (associatedData != null && associatedData.length > 0) {
        cipher.updateAAD(associatedData);
      }
      byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AEAD seal failed", e);
    }
  }

  /**
   * Opens a payload; throws {@link GeneralSecurityException} when it is too short or fails to
   * authenticate (tampered, wrong key, wrong associated data).
   */
  byte[] open(byte[] payload, byte[] associatedData) throws GeneralSecurityException {
    if (payload.length < NONCE_BYTES + TAG_BYTES) {
      throw new GeneralSecurityException("ciphertext too short");
    }
    Cipher cipher = init(Cipher.DECRYPT_MODE, Arrays.copyOf(payload, NONCE_BYTES));
    if (associatedData != null && associatedData.length > 0) {
      cipher.updateAAD(associatedData);
    }
    return cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
  }

  private Cipher init(int mode, byte[] nonce) throws GeneralSecurityException {
    if (nonce.length != NONCE_BYTES) {
      throw new GeneralSecurityException("nonce must be 12 bytes");
    }
    Cipher cipher;
    if (chacha) {
      cipher = Cipher.getInstance("ChaCha20-Poly1305");
      cipher.init(mode, key, new IvParameterSpec(nonce));
    } else {
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    }
    return cipher;
  }

  @Override
  public String toString() {
    return "AeadCipher[" + (chacha ? "chacha20-poly1305" : "aes-gcm") + ", REDACTED]";
  }
}
