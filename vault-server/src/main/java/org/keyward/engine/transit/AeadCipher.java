package org.keyward.engine.transit;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
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
 * it. Thread-safe: a one-off cipher makes a {@code Cipher} per call; a {@link #reusable} one (the
 * cached ciphers of a loaded key) keeps one per thread and mode.
 */
final class AeadCipher {
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;

  /**
   * Nonce source, one DRBG (NIST SP 800-90A, seeded by the JDK from the OS) per thread. Every
   * {@code new SecureRandom()} on Linux is a NativePRNG sharing one JVM-wide lock; a JFR recording
   * of the encrypt load test showed event loops waiting 10-100 ms on it (mostly for request ids,
   * some for these nonces), so nonces no longer take it.
   */
  private static final ThreadLocal<SecureRandom> NONCES =
      ThreadLocal.withInitial(
          () -> {
            try {
              return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
              return new SecureRandom();
            }
          });

  /** This thread's DRBG: for nonces and data keys, without the JVM-wide NativePRNG lock. */
  static SecureRandom random() {
    return NONCES.get();
  }

  /**
   * Per thread: DRBG output drawn {@value #NONCES_PER_BLOCK} nonces at a time and handed out 12
   * bytes each, never twice. A DRBG call costs several SHA-256 blocks of bookkeeping whatever its
   * length, which a profile of batch encryption showed as a tenth of the work at one call per item;
   * the bytes are the same DRBG stream either way.
   */
  private static final int NONCES_PER_BLOCK = 64;

  private static final ThreadLocal<NonceBlock> NONCE_BLOCKS =
      ThreadLocal.withInitial(NonceBlock::new);

  private static final class NonceBlock {
    private final byte[] bytes = new byte[NONCES_PER_BLOCK * NONCE_BYTES];
    private int next = bytes.length;

    /** Copies the next nonce into {@code out} at {@code offset}. */
    void takeInto(byte[] out, int offset) {
      if (next == bytes.length) {
        random().nextBytes(bytes);
        next = 0;
      }
      System.arraycopy(bytes, next, out, offset, NONCE_BYTES);
      // Wiped once taken, so a nonce's bytes are never in the block to hand out again.
      Arrays.fill(bytes, next, next + NONCE_BYTES, (byte) 0);
      next += NONCE_BYTES;
    }
  }

  private final boolean chacha;
  private final SecretKey key;

  /**
   * Per thread: [encrypt, decrypt] {@code Cipher}s, or null for a one-off cipher. A profile of
   * batch encryption (docs/benchmarks.md) put three quarters of the AEAD time in {@code
   * Cipher.getInstance} (provider look-up) and in {@code init} with a new key object (the AES key
   * schedule); re-initialising a kept {@code Cipher} with the same key object skips both. Each use
   * still initialises it with its own nonce, so no state carries from one call to the next.
   */
  private final ThreadLocal<Cipher[]> perThread;

  /** A cipher for one or a few calls (derived keys): nothing is kept between calls. */
  AeadCipher(KeyType type, byte[] rawKey) {
    this(type, rawKey, false);
  }

  /** A cipher used for many calls from few threads (a cached key version's). */
  static AeadCipher reusable(KeyType type, byte[] rawKey) {
    return new AeadCipher(type, rawKey, true);
  }

  private AeadCipher(KeyType type, byte[] rawKey, boolean reuse) {
    if (!type.isAead()) {
      throw new IllegalArgumentException("not an AEAD key type: " + type.wireName());
    }
    this.chacha = type == KeyType.CHACHA20_POLY1305;
    if (chacha ? rawKey.length != 32 : rawKey.length != 16 && rawKey.length != 32) {
      throw new IllegalArgumentException("wrong key length for " + type.wireName());
    }
    this.key = new SecretKeySpec(rawKey, chacha ? "ChaCha20" : "AES");
    // The JDK's ChaCha20-Poly1305 refuses a re-init with the previous key and nonce even to
    // decrypt (so decrypting one ciphertext twice would fail): only AES-GCM Ciphers are kept.
    this.perThread = reuse && !chacha ? ThreadLocal.withInitial(() -> new Cipher[2]) : null;
  }

  /** Seals under a fresh random nonce. */
  byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] out = payloadFor(plaintext);
    NONCE_BLOCKS.get().takeInto(out, 0);
    return sealInto(out, plaintext, associatedData);
  }

  /** Seals under {@code nonce}; callers guarantee it is never reused with other plaintext. */
  byte[] seal(byte[] nonce, byte[] plaintext, byte[] associatedData) {
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalStateException("AEAD seal failed: nonce must be 12 bytes");
    }
    byte[] out = payloadFor(plaintext);
    System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
    return sealInto(out, plaintext, associatedData);
  }

  // Both AEADs add exactly one tag: sizing the payload here spares Cipher.getOutputSize per item.
  private static byte[] payloadFor(byte[] plaintext) {
    return new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
  }

  /** Seals {@code plaintext} under the nonce at the start of {@code out}, behind it. */
  private byte[] sealInto(byte[] out, byte[] plaintext, byte[] associatedData) {
    try {
      Cipher cipher = init(Cipher.ENCRYPT_MODE, out);
      if (associatedData != null && associatedData.length > 0) {
        cipher.updateAAD(associatedData);
      }
      int written = cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      if (written != out.length - NONCE_BYTES) {
        throw new IllegalStateException("AEAD seal wrote " + written + " bytes");
      }
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
    Cipher cipher = init(Cipher.DECRYPT_MODE, payload);
    if (associatedData != null && associatedData.length > 0) {
      cipher.updateAAD(associatedData);
    }
    return cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
  }

  /** Initialises for the nonce in the first {@value #NONCE_BYTES} bytes of {@code payload}. */
  private Cipher init(int mode, byte[] payload) throws GeneralSecurityException {
    Cipher cipher = instance(mode);
    if (chacha) {
      cipher.init(mode, key, new IvParameterSpec(payload, 0, NONCE_BYTES));
    } else {
      cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, payload, 0, NONCE_BYTES));
    }
    return cipher;
  }

  private Cipher instance(int mode) throws GeneralSecurityException {
    if (perThread == null) {
      return newInstance();
    }
    Cipher[] kept = perThread.get();
    int slot = mode == Cipher.ENCRYPT_MODE ? 0 : 1;
    if (kept[slot] == null) {
      kept[slot] = newInstance();
    }
    return kept[slot];
  }

  private Cipher newInstance() throws GeneralSecurityException {
    return Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
  }

  @Override
  public String toString() {
    return "AeadCipher[" + (chacha ? "chacha20-poly1305" : "aes-gcm") + ", REDACTED]";
  }
}
