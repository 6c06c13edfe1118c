package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * Vault's {@code config/crl}: how long a CRL and an OCSP answer stay valid ({@code expiry}, {@code
 * ocsp_expiry}, 0 for an OCSP answer without nextUpdate), whether revoked certificates are listed
 * ({@code disable}: the CRL is still signed and served, but empty) and whether OCSP answers ({@code
 * ocsp_disable}), and {@code auto_rebuild}: rebuild the CRL in the background once it is within
 * {@code auto_rebuild_grace_period} of its nextUpdate. Revocations rebuild the CRL at once either
 * way, so a revocation is on the CRL when {@code revoke} answers. Durations in seconds.
 */
record CrlSettings(
    long expirySeconds,
    boolean disable,
    boolean ocspDisable,
    long ocspExpirySeconds,
    boolean autoRebuild,
    long autoRebuildGracePeriodSeconds) {
  static final CrlSettings DEFAULT =
      new CrlSettings(72 * 3600L, false, false, 12 * 3600L, false, 12 * 3600L);

  CrlSettings {
    if (expirySeconds < 60) {
      throw ApiError.badRequest("expiry must be at least 1m");
    }
    if (ocspExpirySeconds < 0) {
      throw ApiError.badRequest("ocsp_expiry must not be negative");
    }
    if (autoRebuildGracePeriodSeconds <= 0
        || (autoRebuild && autoRebuildGracePeriodSeconds >= expirySeconds)) {
      throw ApiError.badRequest(
          "auto_rebuild_grace_period must be positive and shorter than expiry");
    }
  }

  /** A write: fields left out keep {@code current}'s values, as Vault's config/crl does. */
  static CrlSettings merge(CrlSettings current, JsonObject body) {
    return new CrlSettings(
        Fields.durationSeconds(body, "expiry", current.expirySeconds()),
        Fields.bool(body, "disable", current.disable()),
        Fields.bool(body, "ocsp_disable", current.ocspDisable()),
        Fields.durationSeconds(body, "ocsp_expiry", current.ocspExpirySeconds()),
        Fields.bool(body, "auto_rebuild", current.autoRebuild()),
        Fields.durationSeconds(
            body, "auto_rebuild_grace_period", current.autoRebuildGracePeriodSeconds()));
  }

  static CrlSettings fromJson(JsonObject json) {
    return merge(DEFAULT, json);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("expiry", expirySeconds + "s")
        .put("disable", disable)
        .put("ocsp_disable", ocspDisable)
        .put("ocsp_expiry", ocspExpirySeconds + "s")
        .put("auto_rebuild", autoRebuild)
        .put("auto_rebuild_grace_period", autoRebuildGracePeriodSeconds + "s")
        .put("enable_delta", false);
  }
}
