package org.keyward.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.storage.StorageEntry;

/**
 * Kills a writing JVM with SIGKILL at random moments and checks that the store kept every write it
 * acknowledged, kept each transaction whole, and is not corrupt. A process kill does not lose the
 * OS page cache, so this proves the commit protocol and recovery, not the fsync (that is what
 * synchronous=FULL is for).
 */
@ExtendWith(VertxExtension.class)
class SqliteCrashIT {
  private static final Pattern ACK = Pattern.compile("ACK (\\d+) \\.");
  private static final int RUNS = 5;

  @TempDir Path dataDir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void kill_duringWrites_keepsAcknowledgedWritesWholeAndFileIntact(Vertx vertx) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int run = 0; run < RUNS; run++) {
      String runName = "run" + run;
      int killAfter = 20 + random.nextInt(500);
      Set<Long> acked = writeUntilKilled(runName, killAfter);
      String context = "seed " + seed + ", " + runName + ", killed after " + killAfter + " acks";
      assertTrue(acked.size() >= killAfter, context + ": only " + acked.size() + " acks");

      try (SqliteStorage storage = await(SqliteStorage.open(vertx, dataDir))) {
        for (long n : acked) {
          for (String key : SqliteCrashWriter.keys(runName, n)) {
            StorageEntry entry = await(storage.get(key)).orElseThrow(() -> lost(context, key));
            assertArrayEquals(SqliteCrashWriter.valueOf(key), entry.value(), context);
          }
        }
        assertTransactionsWhole(storage, runName, context);
      }
      assertEquals("ok", integrityCheck(), context);
    }
  }

  /** Starts the writer JVM, kills it after {@code killAfter} acks; returns every ack it printed. */
  private Set<Long> writeUntilKilled(String run, int killAfter) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                // A short-lived child: skip the optimizing JIT and parallel GC threads to start
                // fast.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                SqliteCrashWriter.class.getName(),
                dataDir.toString(),
                run)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Set<Long> acked = new HashSet<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      // Lines already in the pipe when the kill lands are read too: they were acknowledged.
      while ((line = lines.readLine()) != null) {
        Matcher m = ACK.matcher(line);
        if (m.matches()) {
          acked.add(Long.parseLong(m.group(1)));
          if (acked.size() == killAfter) {
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of
            // the pipe and lose the acks printed just before the kill.
            child.toHandle().destroyForcibly();
          }
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    return acked;
  }

  private static void assertTransactionsWhole(SqliteStorage storage, String run, String context)
      throws Exception {
    List<String> keys = new ArrayList<>();
    String after = null;
    List<String> page;
    do {
      page = await(storage.scan("crash/" + run + "/", after, 1000));
      keys.addAll(page);
      after = page.isEmpty() ? after : page.get(page.size() - 1);
    } while (!page.isEmpty());
    Set<String> present = new HashSet<>(keys);
    for (String key : keys) {
      String twin = key.endsWith("/a") ? key.replaceAll("/a$", "/b") : key.replaceAll("/b$", "/a");
      assertTrue(present.contains(twin), context + ": half a transaction survived at " + key);
    }
  }

  private String integrityCheck() throws Exception {
    Path file = dataDir.resolve(SqliteFile.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static AssertionError lost(String context, String key) {
    return new AssertionError(context + ": acknowledged write lost at " + key);
  }
}
