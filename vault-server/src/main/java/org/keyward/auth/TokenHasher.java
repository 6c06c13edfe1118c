package org.keyward.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a token into the key it is stored under: HMAC-SHA256 under a random 32-byte key kept in the
 * barrier, so the storage holds no token and a stolen database cannot be checked against guesses
 * without that key. Thread-safe: each thread gets its own {@link Mac}.
 */
final class TokenHasher {
  static final int KEY_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final ThreadLocal<Mac> macs;

  TokenHasher(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("token HMAC key must be " + KEY_BYTES + " bytes");
    }
    SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(spec);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
              }
            });
  }

  /** The hex HMAC of {@code token}. */
  String hash(String token) {
    Mac mac = macs.get();
    return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "TokenHasher[REDACTED]";
  }
}
