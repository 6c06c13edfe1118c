package org.keyward.auth.approle;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Role ids, secret ids and accessors: 128 bits from {@link SecureRandom}, printed in UUID layout
 * (8-4-4-4-12 hex) as Vault prints them. All 128 bits are random (no version nibble). Thread-safe.
 */
final class RandomIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomIds() {}

  static String next() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    String h = HexFormat.of().formatHex(b);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20);
  }

  static byte[] key() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }
}
