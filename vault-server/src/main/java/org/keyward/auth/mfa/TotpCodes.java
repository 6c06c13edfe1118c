package org.keyward.auth.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Checks RFC 6238 codes with java-otp. A code must be exactly {@code digits} ASCII digits (no
 * spaces or signs: CVE-2025-6014 reused codes by padding them), match one of the steps within the
 * method's skew, and be of a later step than the last accepted one. Comparison is constant time.
 * Pure and thread-safe.
 */
final class TotpCodes {
  private TotpCodes() {}

  /** The time step of {@code now} for {@code method}. */
  static long step(TotpMethod method, Instant now) {
    return Math.floorDiv(now.getEpochSecond(), method.period());
  }

  /**
   * The step {@code code} is valid for at {@code now}, if any step within the skew and after {@code
   * secret}'s last used step produces it.
   */
  static OptionalLong acceptedStep(TotpMethod method, TotpSecret secret, String code, Instant now) {
    if (code == null
        || code.length() != method.digits()
        || !code.chars().allMatch(TotpCodes::digit)) {
      return OptionalLong.empty();
    }
    TimeBasedOneTimePasswordGenerator totp =
        new TimeBasedOneTimePasswordGenerator(
            Duration.ofSeconds(method.period()), method.digits(), method.hmacAlgorithm());
    long current = step(method, now);
    byte[] given = code.getBytes(StandardCharsets.US_ASCII);
    OptionalLong accepted = OptionalLong.empty();
    // Check every step of the window, so the time taken does not say which one matched.
    for (long s = current - method.skew(); s <= current + method.skew(); s++) {
      String expected = codeAt(totp, method, secret, s);
      boolean same = MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII));
      if (same && s > secret.lastUsedStep() && accepted.isEmpty()) {
        accepted = OptionalLong.of(s);
      }
    }
    return accepted;
  }

  private static String codeAt(
      TimeBasedOneTimePasswordGenerator totp, TotpMethod method, TotpSecret secret, long step) {
    try {
      return totp.generateOneTimePasswordString(
          secret.key(method.hmacAlgorithm()),
          Instant.ofEpochSecond(step * method.period()),
          Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("stored TOTP key rejected by " + method.hmacAlgorithm(), e);
    }
  }

  private static boolean digit(int c) {
    return c >= '0' && c <= '9';
  }
}
