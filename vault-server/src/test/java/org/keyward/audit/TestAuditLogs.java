package org.keyward.audit;

import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Writes real chained audit files through {@link FileAuditDevice} for tests. */
final class TestAuditLogs {
  private TestAuditLogs() {}

  static FileAuditOptions options(Path file, long maxBytes, int checkpointEvery) {
    return new FileAuditOptions(
        file, maxBytes, false, true, new CheckpointPolicy(checkpointEvery, Duration.ofHours(1)));
  }

  static FileAuditDevice open(
      Vertx vertx, FileAuditOptions options, CheckpointSigner signer, Executor executor)
      throws Exception {
    return await(
        FileAuditDevice.start(vertx, "file/", AuditHmac.generate(), options, signer, executor));
  }

  /** Appends {@code count} numbered request events one after another, then closes the device. */
  static void writeAndClose(FileAuditDevice device, int from, int count) throws Exception {
    for (int i = from; i < from + count; i++) {
      await(device.append(TestAuditEvents.numbered(i)));
    }
    await(device.close());
  }

  static List<String> lines(Path file) throws Exception {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void rewrite(Path file, List<String> lines) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l).append('\n');
    }
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
  }

  /** 0-based indexes of lines of type checkpoint. */
  static List<Integer> checkpointLines(List<String> lines) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"checkpoint\"")) {
        out.add(i);
      }
    }
    return out;
  }
}
