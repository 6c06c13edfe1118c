package org.keyward.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One audit device's HMAC-SHA256 key (Vault's per-device salt): turns a secret value into {@code
 * hmac-sha256:<hex>}, so a log proves a value was seen without holding it, and an operator holding
 * the value can check it through {@code sys/audit-hash}. Thread-safe (one {@link Mac} per thread).
 * The key bytes never appear in {@link #toString()}.
 */
public final class AuditHmac {
  /** The prefix of every hashed value, as Vault writes it. */
  public static final String PREFIX = "hmac-sha256:";

  private static final int KEY_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final ThreadLocal<Mac> macs;

  /** Wraps an existing 32-byte key (copied), e.g. one read back from the device store. */
  public AuditHmac(byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("audit HMAC key must be " + KEY_BYTES + " bytes");
    }
    this.key = key.clone();
    SecretKeySpec spec = new SecretKeySpec(this.key, ALGORITHM);
    this.macs = ThreadLocal.withInitial(() -> newMac(spec));
  }

  /** A fresh random key, for a newly enabled device. */
  public static AuditHmac generate() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return new AuditHmac(key);
  }

  /** {@code hmac-sha256:} and the lower-case hex HMAC of the value's UTF-8 bytes. */
  public String hash(String value) {
    Mac mac = macs.get();
    byte[] tag = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(tag);
  }

  /** The key bytes, for persisting the device definition behind the barrier only. */
  byte[] keyBytes() {
    return key.clone();
  }

  private static Mac newMac(SecretKeySpec spec) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(spec);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "AuditHmac[REDACTED]";
  }
}
