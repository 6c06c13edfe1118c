package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_GCM;

import com.google.crypto.tink.Aead;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.keyward.hsm.HsmException;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.params.GCM_PARAMS;

/**
 * AES-GCM under a key that stays in the token (CKM_AES_GCM). Each encryption takes a fresh random
 * 12-byte IV from a per-thread DRBG and returns {@code iv || ciphertext || tag} (128-bit tag), so
 * callers never manage nonces; random IVs keep a key safe for about 2^32 encryptions. A wrong
 * associated data, key or any altered byte fails with {@link HsmException.Kind#INTEGRITY}. The
 * calls use a session-object copy of the key ({@link SessionKeyCopies}), which SoftHSM uses without
 * re-reading its object files. Thread-safe and blocking.
 */
public final class Pkcs11Aead implements Aead {
  static final int IV_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;
  private static final byte[] EMPTY = new byte[0];

  /**
   * IV source, one DRBG per thread: every {@code new SecureRandom()} on Linux is a NativePRNG, and
   * all of them share one JVM-wide lock, which every HSM worker thread took once per encryption.
   */
  private static final ThreadLocal<SecureRandom> IVS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
              return new SecureRandom();
            }
          });

  private final TokenConnection connection;
  private final String label;

  Pkcs11Aead(TokenConnection connection, String label) {
    this.connection = connection;
    this.label = label;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws HsmException {
    byte[] iv = new byte[IV_BYTES];
    IVS.get().nextBytes(iv);
    byte[] sealed = encryptWithIv(iv, plaintext, associatedData);
    byte[] out = new byte[IV_BYTES + sealed.length];
    System.arraycopy(iv, 0, out, 0, IV_BYTES);
    System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws HsmException {
    if (ciphertext == null || ciphertext.length < IV_BYTES + TAG_BYTES) {
      throw new HsmException(
          HsmException.Kind.INTEGRITY, "decrypt failed, key '" + label + "': ciphertext too short");
    }
    byte[] iv = Arrays.copyOfRange(ciphertext, 0, IV_BYTES);
    byte[] body = Arrays.copyOfRange(ciphertext, IV_BYTES, ciphertext.length);
    return decryptWithIv(iv, body, associatedData);
  }

  /** GCM with a caller-chosen IV; only for known-answer tests, which need a fixed IV. */
  byte[] encryptWithIv(byte[] iv, byte[] plaintext, byte[] associatedData) throws HsmException {
    Mechanism gcm = mechanism(iv, associatedData);
    return connection.call(
        "encrypt", label, t -> t.encrypt(gcm, connection.sessionKey(t, label), plaintext));
  }

  /** Opens {@code ciphertext || tag} sealed with {@code iv}. */
  byte[] decryptWithIv(byte[] iv, byte[] ciphertextAndTag, byte[] associatedData)
      throws HsmException {
    Mechanism gcm = mechanism(iv, associatedData);
    return connection.call(
        "decrypt",
        label,
        true,
        t -> t.decrypt(gcm, connection.sessionKey(t, label), ciphertextAndTag));
  }

  private static Mechanism mechanism(byte[] iv, byte[] associatedData) {
    byte[] aad = associatedData == null ? EMPTY : associatedData;
    return new Mechanism(CKM_AES_GCM, new GCM_PARAMS(iv, aad, TAG_BITS));
  }

  @Override
  public String toString() {
    return "Pkcs11Aead[" + label + "]";
  }
}
