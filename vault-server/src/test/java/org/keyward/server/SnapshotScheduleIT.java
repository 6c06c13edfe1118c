package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * Automated snapshots on a whole dev server: a 2 s schedule keeps its newest three files, each a
 * snapshot that restores; a schedule on a read-only directory shows in its status and the metrics
 * while requests go on being served.
 */
class SnapshotScheduleIT {
  private static final String AUTO = "/v1/sys/storage/raft/snapshot-auto/";

  @TempDir Path dir;
  private VaultTestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void schedule_everyTwoSeconds_keepsThreeFiles_andAFailingOneIsReportedNotFelt()
      throws IOException {
    server = VaultTestServer.startDev(dir.resolve("data"));
    Path kept = Files.createDirectory(dir.resolve("snapshots"));
    Path readOnly = readOnlyDirectory();
    Response config =
        server.post(
            AUTO + "config/hourly", schedule(kept).put("retain", 3).put("file_prefix", "kw"));
    Response broken = server.post(AUTO + "config/broken", schedule(readOnly));
    Response read = server.get(AUTO + "config/hourly");
    Response listed = server.call("LIST", AUTO + "config", VaultTestServer.ROOT, null);

    Set<String> seen = new HashSet<>();
    awaitSnapshots(
        () -> {
          String file = server.get(AUTO + "status/hourly").data().getString("last_snapshot_file");
          if (file != null && !file.isEmpty()) {
            seen.add(file);
          }
          return seen.size() >= 4;
        });
    awaitSnapshots(
        () -> server.get(AUTO + "status/broken").data().getInteger("consecutive_failures") >= 2);
    Response servedMeanwhile = server.post("/v1/secret/data/still", SnapshotIT.secret("served"));
    JsonObject brokenStatus = server.get(AUTO + "status/broken").data();
    String metrics =
        server.call("GET", "/v1/sys/metrics?format=prometheus", VaultTestServer.ROOT, null).body();
    assertEquals(
        204, server.call("DELETE", AUTO + "config/hourly", VaultTestServer.ROOT, null).status());
    awaitSnapshots(() -> snapshotFiles(kept).size() == 3);
    List<Path> files = snapshotFiles(kept);

    assertEquals(204, config.status(), config::body);
    assertEquals(204, broken.status(), broken::body);
    assertEquals(3, read.data().getInteger("retain"), read::body);
    assertEquals(2, read.data().getLong("interval"), read::body);
    assertTrue(listed.data().getJsonArray("keys").contains("hourly"), listed::body);
    assertEquals(200, servedMeanwhile.status(), servedMeanwhile::body);
    assertTrue(
        brokenStatus.getString("last_error").contains(readOnly.toString()), brokenStatus::encode);
    assertTrue(metricValue(metrics, "keyward_snapshot_failures_total") >= 2, metrics);
    assertTrue(
        metricValue(metrics, "keyward_snapshot_last_success_timestamp_seconds")
            > Instant.now().minusSeconds(120).getEpochSecond(),
        metrics);
    assertEquals(List.of(), tempFiles(kept));
    Response restored =
        server.upload(
            "/v1/sys/storage/raft/snapshot",
            VaultTestServer.ROOT,
            Files.readAllBytes(files.get(2)));
    assertEquals(204, restored.status(), restored::body);
    assertEquals(404, server.get(AUTO + "status/nothing").status());
  }

  private Path readOnlyDirectory() throws IOException {
    Path dirPath = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(dirPath, PosixFilePermissions.fromString("r-xr-xr-x"));
    // root ignores permission bits; /proc refuses every new file even to root.
    return Files.isWritable(dirPath) ? Path.of("/proc") : dirPath;
  }

  private static JsonObject schedule(Path dir) {
    return new JsonObject()
        .put("interval", "2s")
        .put("storage_type", "local")
        .put("path_prefix", dir.toString());
  }

  private static List<Path> snapshotFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".snap")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> tempFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double metricValue(String prometheus, String name) {
    for (String line : prometheus.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }

  private static void awaitSnapshots(BooleanSupplier condition) {
    VaultTestServer.awaitTrue("scheduled snapshots", Duration.ofMinutes(1), condition);
  }
}
