package org.keyward.snapshot;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What the last runs of a schedule came to, kept in memory (a restart starts afresh), for {@code
 * snapshot-auto/status/<name>}. Immutable; each run makes a new one.
 */
record ScheduleStatus(
    Instant lastSnapshotTime,
    String lastSnapshotFile,
    long lastSnapshotSize,
    String lastError,
    Instant lastErrorTime,
    int consecutiveFailures,
    JsonObject lastDrill) {
  static final ScheduleStatus NONE = new ScheduleStatus(null, "", 0, "", null, 0, null);

  ScheduleStatus succeeded(Instant at, String file, long size) {
    return new ScheduleStatus(at, file, size, lastError, lastErrorTime, 0, lastDrill);
  }

  ScheduleStatus failed(Instant at, String error) {
    return new ScheduleStatus(
        lastSnapshotTime,
        lastSnapshotFile,
        lastSnapshotSize,
        error,
        at,
        consecutiveFailures + 1,
        lastDrill);
  }

  ScheduleStatus drilled(JsonObject drill) {
    return new ScheduleStatus(
        lastSnapshotTime,
        lastSnapshotFile,
        lastSnapshotSize,
        lastError,
        lastErrorTime,
        consecutiveFailures,
        drill);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("last_snapshot_time", lastSnapshotTime == null ? null : lastSnapshotTime.toString())
        .put("last_snapshot_file", lastSnapshotFile)
        .put("last_snapshot_size", lastSnapshotSize)
        .put("last_error", lastError)
        .put("last_error_time", lastErrorTime == null ? null : lastErrorTime.toString())
        .put("consecutive_failures", consecutiveFailures)
        .put("last_drill", lastDrill);
  }
}
