package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * Vault's {@code config/auto-tidy}: when {@code enabled}, a tidy with these options runs every
 * {@code interval_duration}, removing certificates (all, or revoked ones) that expired more than
 * {@code safety_buffer} ago, so the certificate store and the CRL stay small. Durations in seconds.
 */
record AutoTidySettings(
    boolean enabled,
    long intervalSeconds,
    boolean tidyCertStore,
    boolean tidyRevokedCerts,
    long safetyBufferSeconds) {
  static final AutoTidySettings DEFAULT =
      new AutoTidySettings(false, 12 * 3600L, false, false, TidyRequest.DEFAULT_SAFETY_BUFFER);

  AutoTidySettings {
    if (intervalSeconds < 60) {
      throw ApiError.badRequest("interval_duration must be at least 1m");
    }
    if (safetyBufferSeconds < 0) {
      throw ApiError.badRequest("safety_buffer must not be negative");
    }
    if (enabled && !tidyCertStore && !tidyRevokedCerts) {
      throw ApiError.badRequest(
          "auto-tidy needs at least one of 'tidy_cert_store' and 'tidy_revoked_certs'");
    }
  }

  /** A write: fields left out keep {@code current}'s values. */
  static AutoTidySettings merge(AutoTidySettings current, JsonObject body) {
    return new AutoTidySettings(
        Fields.bool(body, "enabled", current.enabled()),
        Fields.durationSeconds(body, "interval_duration", current.intervalSeconds()),
        Fields.bool(body, "tidy_cert_store", current.tidyCertStore()),
        Fields.bool(body, "tidy_revoked_certs", current.tidyRevokedCerts()),
        Fields.durationSeconds(body, "safety_buffer", current.safetyBufferSeconds()));
  }

  static AutoTidySettings fromJson(JsonObject json) {
    return merge(DEFAULT, json);
  }

  TidyRequest asRequest() {
    return new TidyRequest(tidyCertStore, tidyRevokedCerts, safetyBufferSeconds);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("enabled", enabled)
        .put("interval_duration", intervalSeconds)
        .put("tidy_cert_store", tidyCertStore)
        .put("tidy_revoked_certs", tidyRevokedCerts)
        .put("safety_buffer", safetyBufferSeconds);
  }
}
