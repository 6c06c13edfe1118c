package org.keyward.auth.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * An independent RFC 6238 implementation for tests, written from the RFC (section 4 and the
 * reference code of its appendix A) with the JDK's HMAC, so the server's java-otp based check is
 * compared against something it does not share code with.
 */
public final class ReferenceTotp {
  private ReferenceTotp() {}

  /**
   * The code for {@code epochSeconds}: T = floor(t / period), dynamic truncation, mod 10^digits.
   */
  public static String code(
      byte[] key, long epochSeconds, int period, int digits, String algorithm) {
    try {
      Mac mac = Mac.getInstance("Hmac" + algorithm);
      mac.init(new SecretKeySpec(key, "RAW"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(epochSeconds / period).array());
      int offset = hash[hash.length - 1] & 0xf;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      int otp = binary % (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", otp);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key of an {@code otpauth://} URL's {@code secret} parameter (Base32, padding optional). */
  public static byte[] keyOfUrl(String url) {
    String query = url.substring(url.indexOf('?') + 1);
    for (String part : query.split("&")) {
      if (part.startsWith("secret=")) {
        String b32 = part.substring("secret=".length());
        while (b32.length() % 8 != 0) {
          b32 += "=";
        }
        return Base32.decode(b32);
      }
    }
    throw new IllegalArgumentException("no secret in the URL");
  }
}
