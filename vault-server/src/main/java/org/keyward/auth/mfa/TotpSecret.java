package org.keyward.auth.mfa;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * One entity's TOTP key for one method, stored through the barrier, and the last time step a code
 * was accepted for: a code of that step or an earlier one is refused, so a used code (and any code
 * older than it) cannot be replayed, as RFC 6238 section 5.2 asks.
 */
final class TotpSecret {
  private final byte[] key;
  private final long lastUsedStep;

  TotpSecret(byte[] key, long lastUsedStep) {
    this.key = key.clone();
    this.lastUsedStep = lastUsedStep;
  }

  SecretKeySpec key(String hmacAlgorithm) {
    return new SecretKeySpec(key, hmacAlgorithm);
  }

  /** The raw key, for the enrolment URL only. */
  byte[] revealForEnrolment() {
    return key.clone();
  }

  long lastUsedStep() {
    return lastUsedStep;
  }

  TotpSecret usedAt(long step) {
    return new TotpSecret(key, step);
  }

  byte[] toBytes() {
    return new JsonObject()
        .put("key", Base64.getEncoder().encodeToString(key))
        .put("last_used_step", lastUsedStep)
        .toBuffer()
        .getBytes();
  }

  static TotpSecret fromBytes(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    return new TotpSecret(
        Base64.getDecoder().decode(j.getString("key")), j.getLong("last_used_step", -1L));
  }

  @Override
  public String toString() {
    return "TotpSecret[REDACTED]";
  }
}
