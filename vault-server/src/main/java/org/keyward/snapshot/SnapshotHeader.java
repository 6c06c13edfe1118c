package org.keyward.snapshot;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * What a snapshot says about itself, written before its entries: format version, the cluster it was
 * taken from, when, the keyring term then in use, how many entries follow, and the storage type
 * they came from.
 */
public record SnapshotHeader(
    int formatVersion,
    String clusterId,
    Instant created,
    int keyringTerm,
    long entryCount,
    String storageType) {
  public static final int FORMAT_VERSION = 1;

  public SnapshotHeader {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(storageType, "storageType");
    if (entryCount < 0) {
      throw new IllegalArgumentException("negative entry count");
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("format_version", formatVersion)
        .put("cluster_id", clusterId)
        .put("created", created.toString())
        .put("keyring_term", keyringTerm)
        .put("entry_count", entryCount)
        .put("storage_type", storageType);
  }

  /** Parses a header; anything missing or of the wrong type is a rejected snapshot. */
  static SnapshotHeader fromJson(JsonObject json) {
    try {
      int version = json.getInteger("format_version");
      if (version != FORMAT_VERSION) {
        throw new SnapshotRejectedException(
            "snapshot format version "
                + version
                + " is not supported (expected "
                + FORMAT_VERSION
                + ")");
      }
      return new SnapshotHeader(
          version,
          json.getString("cluster_id"),
          Instant.parse(json.getString("created")),
          json.getInteger("keyring_term"),
          json.getLong("entry_count"),
          json.getString("storage_type"));
    } catch (SnapshotRejectedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SnapshotRejectedException("snapshot header is malformed");
    }
  }
}
