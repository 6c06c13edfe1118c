package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * What Vault keeps about one version of a secret. A version is deleted once its deletion time has
 * passed (a soft delete sets it to now; {@code delete_version_after} sets it ahead), and destroyed
 * when its data is gone for good.
 *
 * @param deletionTime null when the version is not scheduled for deletion
 */
record VersionMetadata(Instant createdTime, Instant deletionTime, boolean destroyed) {
  VersionMetadata {
    Objects.requireNonNull(createdTime, "createdTime");
  }

  /** Deleted (soft) at {@code now}: a deletion time that is not in the future. */
  boolean deletedAt(Instant now) {
    return deletionTime != null && !deletionTime.isAfter(now);
  }

  /** Readable at {@code now}: neither deleted nor destroyed. */
  boolean liveAt(Instant now) {
    return !destroyed && !deletedAt(now);
  }

  VersionMetadata withDeletionTime(Instant time) {
    return new VersionMetadata(createdTime, time, destroyed);
  }

  VersionMetadata asDestroyed() {
    return new VersionMetadata(createdTime, deletionTime, true);
  }

  /** Vault's {@code versions."N"} entry of a metadata read. */
  JsonObject toResponse() {
    return new JsonObject()
        .put("created_time", KvTime.format(createdTime))
        .put("deletion_time", KvTime.format(deletionTime))
        .put("destroyed", destroyed);
  }

  JsonObject toStorage() {
    return new JsonObject()
        .put("created", createdTime.toString())
        .put("deleted", deletionTime == null ? null : deletionTime.toString())
        .put("destroyed", destroyed);
  }

  static VersionMetadata fromStorage(JsonObject json) {
    String deleted = json.getString("deleted");
    return new VersionMetadata(
        KvTime.parse(json.getString("created")),
        deleted == null ? null : KvTime.parse(deleted),
        json.getBoolean("destroyed", false));
  }
}
