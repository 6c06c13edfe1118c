package org.keyward.engine.transit;

import com.google.crypto.tink.subtle.Hkdf;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vault's derivation for {@code derived} keys and its convergent nonce (scheme 3): HKDF-SHA256 with
 * no salt and the caller's context as info stretches the version key into the data key, followed,
 * for convergent keys, by a 32-byte HMAC key; the nonce is HMAC-SHA256(hmac key, plaintext)
 * truncated to 12 bytes. Equal key, context and plaintext give equal ciphertexts, which is the
 * point (look-up by encrypted value) and the risk (equality leaks).
 */
final class KeyDerivation {
  private static final int HMAC_KEY_BYTES = 32;

  private KeyDerivation() {}

  /** The data key (and, for convergent keys, the HMAC key after it) for {@code context}. */
  static byte[] derive(byte[] versionKey, byte[] context, int dataKeyBytes, boolean convergent) {
    int size = dataKeyBytes + (convergent ? HMAC_KEY_BYTES : 0);
    try {
      return Hkdf.computeHkdf("HMACSHA256", versionKey, new byte[0], context, size);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 unavailable", e);
    }
  }

  /** The deterministic nonce for a convergent encryption under {@code derived} (data || hmac). */
  static byte[] convergentNonce(byte[] derived, int dataKeyBytes, byte[] plaintext) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Arrays.copyOfRange(derived, dataKeyBytes, dataKeyBytes + HMAC_KEY_BYTES),
              "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(plaintext), AeadCipher.NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
