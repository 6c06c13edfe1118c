package org.keyward.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.client.cli.CliRunner.Run;
import org.keyward.server.VaultTestServer;

/**
 * {@code keyward operator raft snapshot ...} and {@code snapshot-auto}, in-process against a
 * server.
 */
class SnapshotCliIT {
  @TempDir static Path dir;
  static VaultTestServer server;
  static CliRunner cli;

  @BeforeAll
  static void start() throws Exception {
    server = VaultTestServer.startDev(dir.resolve("data"));
    cli = new CliRunner(CliRunner.environment(server, Files.createDirectories(dir.resolve("h"))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void saveRestoreDrill_roundTripASecret_andADamagedFileIsRefused() throws Exception {
    Path file = dir.resolve("backup.snap");
    Path cut = dir.resolve("cut.snap");
    assertEquals(0, cli.run("kv", "put", "secret/cli-snap", "password=before").code());

    Run save = cli.run("operator", "raft", "snapshot", "save", file.toString());
    cli.run("kv", "put", "secret/cli-snap", "password=after");
    Run restore = cli.run("operator", "raft", "snapshot", "restore", file.toString());
    Run read = cli.run("kv", "get", "-field=password", "secret/cli-snap");
    Run drill = cli.run("operator", "raft", "snapshot", "drill", "-format=json", file.toString());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
    Run refused = cli.run("operator", "raft", "snapshot", "restore", cut.toString());

    assertEquals(0, save.code(), save::toString);
    assertTrue(Files.size(file) > 100);
    assertFalse(Files.exists(dir.resolve("backup.snap.partial")));
    assertEquals(0, restore.code(), restore::toString);
    assertEquals("before", read.out().trim(), read::toString);
    assertEquals(0, drill.code(), drill::toString);
    assertTrue(
        drill.out().contains("\"ok\" : true") || drill.out().contains("\"ok\":true"),
        drill::toString);
    assertEquals(1, refused.code(), refused::toString);
    assertTrue(refused.err().contains("snapshot is truncated"), refused::toString);
  }

  @Test
  void snapshotAuto_configWritesAndReads_statusOfUnknownFails() throws Exception {
    Path target = Files.createDirectories(dir.resolve("auto"));
    Run write =
        cli.run(
            "operator",
            "raft",
            "snapshot-auto",
            "config",
            "daily",
            "interval=24h",
            "retain=7",
            "path_prefix=" + target);
    Run read = cli.run("operator", "raft", "snapshot-auto", "config", "-format=json", "daily");
    Run status = cli.run("operator", "raft", "snapshot-auto", "status", "daily");
    Run unknown = cli.run("operator", "raft", "snapshot-auto", "status", "nope");

    assertEquals(0, write.code(), write::toString);
    assertTrue(
        read.out().contains("86400") && read.out().contains(target.toString()), read::toString);
    assertEquals(0, status.code(), status::toString);
    assertTrue(status.out().contains("consecutive_failures"), status::toString);
    assertEquals(1, unknown.code(), unknown::toString);
  }
}
