package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;

/**
 * The mount-wide settings of {@code config}: how many versions a secret keeps (0 means the engine
 * default of {@value #DEFAULT_MAX_VERSIONS}), whether every write needs {@code cas}, and after how
 * many seconds new versions are deleted (0: never).
 */
record KvConfig(long maxVersions, boolean casRequired, long deleteVersionAfterSeconds) {
  static final long DEFAULT_MAX_VERSIONS = 10;
  static final KvConfig DEFAULT = new KvConfig(0, false, 0);
  static final String STORAGE_KEY = "config";

  KvConfig {
    if (maxVersions < 0) {
      throw ApiError.badRequest("field 'max_versions' must be a non-negative integer");
    }
    if (deleteVersionAfterSeconds < 0) {
      throw ApiError.badRequest("field 'delete_version_after' must be a non-negative duration");
    }
  }

  /** Vault's {@code GET config} body. */
  JsonObject toResponse() {
    return new JsonObject()
        .put("cas_required", casRequired)
        .put("delete_version_after", KvTime.goDuration(deleteVersionAfterSeconds))
        .put("max_versions", maxVersions);
  }

  JsonObject toStorage() {
    return new JsonObject()
        .put("max_versions", maxVersions)
        .put("cas_required", casRequired)
        .put("delete_version_after", deleteVersionAfterSeconds);
  }

  static KvConfig fromStorage(JsonObject json) {
    return new KvConfig(
        json.getLong("max_versions", 0L),
        json.getBoolean("cas_required", false),
        json.getLong("delete_version_after", 0L));
  }
}
