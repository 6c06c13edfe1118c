package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.keyward.audit.AuditDevice;
import org.keyward.audit.AuditDeviceConfig;
import org.keyward.audit.AuditDevices;
import org.keyward.audit.AuditVerification;
import org.keyward.audit.AuditVerifier;
import org.keyward.audit.FileAuditDevice;

/**
 * Traceability (Art. 21(2)(f) effectiveness, and the audit trail NIS2 incident handling relies on):
 * the enabled audit devices and, for each file device, its hash chain and signed checkpoints
 * verified now, on a worker, with the time of the last checkpoint.
 */
public final class TraceabilitySection implements ReportSection {
  private final Vertx vertx;
  private final AuditDevices devices;

  public TraceabilitySection(Vertx vertx, AuditDevices devices) {
    this.vertx = vertx;
    this.devices = devices;
  }

  @Override
  public Future<Section> build(Input in) {
    List<AuditDeviceConfig> configs = devices.list();
    List<Future<JsonObject>> checks = new ArrayList<>();
    for (AuditDeviceConfig c : configs) {
      checks.add(check(c));
    }
    return Future.all(checks)
        .map(
            all -> {
              List<Finding> findings = new ArrayList<>();
              JsonArray out = new JsonArray();
              for (Future<JsonObject> f : checks) {
                JsonObject d = f.result();
                out.add(d);
                findings.add(finding(d));
              }
              if (configs.isEmpty()) {
                findings.add(
                    new Finding(
                        "audit_device",
                        "audit devices",
                        Status.FAILING,
                        "no audit device is enabled: requests leave no trace"));
              }
              return new Section(
                  "traceability",
                  "Traceability (audit)",
                  "Art. 21(2)(b), (f)",
                  new JsonObject().put("devices", out),
                  new JsonObject()
                      .put("audit_device_required", true)
                      .put("file_chains_must_verify", true),
                  findings);
            });
  }

  private Future<JsonObject> check(AuditDeviceConfig c) {
    JsonObject d = new JsonObject().put("path", c.path()).put("type", c.type());
    AuditDevice device = devices.log().device(c.path()).orElse(null);
    if (!(device instanceof FileAuditDevice file)) {
      return Future.succeededFuture(d.put("verified", "not applicable"));
    }
    long expectedLast = file.lastSeq();
    return vertx
        .executeBlocking(
            () -> {
              AuditVerification v =
                  AuditVerifier.verifySet(file.file(), file.checkpointKey(), expectedLast);
              return d.put("file", file.file().getFileName().toString())
                  .put("verification", v.toJson())
                  .put("last_checkpoint_time", lastCheckpointTime(file.file()));
            },
            false)
        .recover(
            e ->
                Future.succeededFuture(
                    d.put(
                        "verification",
                        new JsonObject()
                            .put("ok", false)
                            .put("message", "audit files could not be read"))));
  }

  /** The {@code time} of the last checkpoint line in the active file; null when there is none. */
  static String lastCheckpointTime(Path file) throws IOException {
    String last = null;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.contains("\"checkpoint\"")) {
          last = line;
        }
      }
    }
    if (last == null) {
      return null;
    }
    try {
      JsonObject cp = new JsonObject(last).getJsonObject("checkpoint");
      return cp == null ? null : cp.getString("time");
    } catch (RuntimeException e) {
      // A damaged line: verification reports it; the time is simply unknown.
      return null;
    }
  }

  private static Finding finding(JsonObject d) {
    String item = "audit device " + d.getString("path");
    JsonObject v = d.getJsonObject("verification");
    if (v == null) {
      return new Finding(
          "audit_device", item, Status.OK, item + " (" + d.getString("type") + ") enabled");
    }
    if (v.getBoolean("ok", false)) {
      return new Finding("audit_chain", item, Status.OK, item + ": chain and checkpoints intact");
    }
    return new Finding(
        "audit_chain",
        item,
        Status.FAILING,
        item + ": " + v.getString("message", "verification failed"));
  }
}
