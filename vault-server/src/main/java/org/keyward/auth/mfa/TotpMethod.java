package org.keyward.auth.mfa;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * A TOTP login MFA method ({@code identity/mfa/method/totp}), with Vault's fields and defaults:
 * issuer (required), period 30 s, 6 digits, SHA1, skew 1 (one step either side), 5 validation
 * attempts, QR codes of 200 pixels, 20-byte keys.
 */
record TotpMethod(
    String id,
    String issuer,
    int period,
    int digits,
    String algorithm,
    int skew,
    int maxValidationAttempts,
    int qrSize,
    int keySize) {
  private static final Set<String> ALGORITHMS = Set.of("SHA1", "SHA256", "SHA512");

  TotpMethod {
    if (issuer == null || issuer.isBlank() || issuer.length() > 256 || issuer.contains(":")) {
      throw ApiError.badRequest("field 'issuer' is required and may not contain ':'");
    }
    if (period < 1 || period > 3600) {
      throw ApiError.badRequest("field 'period' must be between 1 and 3600 seconds");
    }
    if (digits != 6 && digits != 8) {
      throw ApiError.badRequest("field 'digits' must be 6 or 8");
    }
    if (!ALGORITHMS.contains(algorithm)) {
      throw ApiError.badRequest("field 'algorithm' must be SHA1, SHA256 or SHA512");
    }
    if (skew < 0 || skew > 1) {
      throw ApiError.badRequest("field 'skew' must be 0 or 1");
    }
    if (maxValidationAttempts < 1 || maxValidationAttempts > 100) {
      throw ApiError.badRequest("field 'max_validation_attempts' must be between 1 and 100");
    }
    if (qrSize < 0 || qrSize > 2000) {
      throw ApiError.badRequest("field 'qr_size' must be between 0 and 2000");
    }
    if (keySize < 16 || keySize > 64) {
      throw ApiError.badRequest("field 'key_size' must be between 16 and 64 bytes");
    }
  }

  /**
   * A method from a create or update body; {@code base} supplies the fields the body leaves out.
   */
  static TotpMethod from(String id, JsonObject b, TotpMethod base) {
    return new TotpMethod(
        id,
        Fields.string(b, "issuer", base == null ? null : base.issuer()),
        number(b, "period", base == null ? 30 : base.period()),
        number(b, "digits", base == null ? 6 : base.digits()),
        Fields.string(b, "algorithm", base == null ? "SHA1" : base.algorithm())
            .toUpperCase(Locale.ROOT),
        number(b, "skew", base == null ? 1 : base.skew()),
        number(b, "max_validation_attempts", base == null ? 5 : base.maxValidationAttempts()),
        number(b, "qr_size", base == null ? 200 : base.qrSize()),
        number(b, "key_size", base == null ? 20 : base.keySize()));
  }

  private static int number(JsonObject b, String name, int fallback) {
    // Vault takes the period as a duration ("30s") or seconds; the rest are plain integers.
    long n =
        name.equals("period")
            ? Fields.durationSeconds(b, name, fallback)
            : Fields.integer(b, name, fallback);
    return n < Integer.MIN_VALUE || n > Integer.MAX_VALUE ? -1 : (int) n;
  }

  /** The JCA name of the HMAC, as java-otp takes it. */
  String hmacAlgorithm() {
    return "Hmac" + algorithm;
  }

  JsonObject toData() {
    return new JsonObject()
        .put("id", id)
        .put("type", "totp")
        .put("name", "")
        .put("namespace_id", "root")
        .put("mount_accessor", "")
        .put("issuer", issuer)
        .put("period", period)
        .put("digits", digits)
        .put("algorithm", algorithm)
        .put("skew", skew)
        .put("max_validation_attempts", maxValidationAttempts)
        .put("qr_size", qrSize)
        .put("key_size", keySize);
  }

  byte[] toBytes() {
    return toData().toBuffer().getBytes();
  }

  static TotpMethod fromBytes(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    return from(j.getString("id"), j, null);
  }
}
