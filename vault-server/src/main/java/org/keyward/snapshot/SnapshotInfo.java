package org.keyward.snapshot;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** A snapshot file that was written or checked: where, how large, and what it says. */
public record SnapshotInfo(Path file, long size, SnapshotHeader header, SnapshotManifest manifest) {
  /** Header and manifest fields as the API and CLI show them (no public key bytes). */
  public JsonObject toJson() {
    return header
        .toJson()
        .put("size", size)
        .put("sha256", manifest.sha256())
        .put("signature_algorithm", manifest.algorithm())
        .put("key_id", manifest.keyId());
  }
}
