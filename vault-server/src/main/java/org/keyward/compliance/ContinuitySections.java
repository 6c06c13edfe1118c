package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Art. 21(2)(c), business continuity: the backups section (last snapshot per schedule, the last
 * restore drill) and the high-availability section (HA mode and leader). The server supplies the
 * facts as JSON, so this package stays clear of the snapshot and HA machinery.
 */
public final class ContinuitySections {
  private static final String MEASURE = "Art. 21(2)(c)";

  private ContinuitySections() {}

  /**
   * @param facts {@code {"schedules": {name: status}, "last_drill": result or null}}, with the
   *     status and result fields of {@code sys/storage/raft/snapshot-auto/status} and {@code
   *     sys/storage/snapshot-drill}
   */
  public static ReportSection backups(Supplier<Future<JsonObject>> facts) {
    return in -> facts.get().map(ContinuitySections::backupsSection);
  }

  /**
   * @param facts {@code {"ha_enabled", "is_self", "leader_address", "active_time"}} as {@code
   *     sys/leader} answers
   */
  public static ReportSection highAvailability(Supplier<JsonObject> facts) {
    return in -> Future.succeededFuture(haSection(facts.get()));
  }

  static Section backupsSection(JsonObject facts) {
    List<Finding> findings = new ArrayList<>();
    JsonObject schedules = facts.getJsonObject("schedules", new JsonObject());
    if (schedules.isEmpty()) {
      findings.add(
          new Finding(
              "snapshot_schedule",
              "snapshots",
              Status.WARNING,
              "no scheduled snapshot: a lost store cannot be restored"));
    }
    for (String name : schedules.fieldNames()) {
      JsonObject s = schedules.getJsonObject(name);
      int failures = s.getInteger("consecutive_failures", 0);
      String last = s.getString("last_snapshot_time");
      if (failures > 0) {
        findings.add(
            new Finding(
                "snapshot_schedule",
                name,
                Status.FAILING,
                failures + " failed run(s) in a row: " + s.getString("last_error", "")));
      } else if (last == null) {
        findings.add(
            new Finding("snapshot_schedule", name, Status.WARNING, "no snapshot taken yet"));
      } else {
        findings.add(new Finding("snapshot_schedule", name, Status.OK, "last snapshot " + last));
      }
    }
    JsonObject drill = facts.getJsonObject("last_drill");
    if (drill == null) {
      findings.add(
          new Finding("restore_drill", "drill", Status.WARNING, "no restore drill has run"));
    } else if (drill.getBoolean("ok", false)) {
      findings.add(
          new Finding(
              "restore_drill",
              drill.getString("snapshot", "drill"),
              Status.OK,
              "restore drill of " + drill.getString("started", "?") + " passed"));
    } else {
      findings.add(
          new Finding(
              "restore_drill",
              drill.getString("snapshot", "drill"),
              Status.FAILING,
              "the last restore drill (" + drill.getString("started", "?") + ") failed"));
    }
    return new Section(
        "backups",
        "Business continuity: backups and restore drills",
        MEASURE,
        facts,
        new JsonObject()
            .put("snapshot_schedule_required", true)
            .put("restore_drill_required", true),
        findings);
  }

  static Section haSection(JsonObject facts) {
    boolean enabled = facts.getBoolean("ha_enabled", false);
    Finding finding =
        enabled
            ? new Finding(
                "ha",
                "cluster",
                Status.OK,
                "HA on; active node " + facts.getString("leader_address", "unknown"))
            : new Finding(
                "ha",
                "cluster",
                Status.WARNING,
                "single node: losing this machine stops the service until it is restored");
    return new Section(
        "high_availability",
        "Business continuity: high availability",
        MEASURE,
        facts,
        new JsonObject().put("ha_recommended", true),
        List.of(finding));
  }
}
