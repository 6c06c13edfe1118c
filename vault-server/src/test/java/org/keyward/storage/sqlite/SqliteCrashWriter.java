package org.keyward.storage.sqlite;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageOp;

/**
 * The child process of {@link SqliteCrashIT}: writes two-row transactions to a SQLite store without
 * end, {@value #IN_FLIGHT} at a time, and prints {@code ACK <n> .} for each one acknowledged, until
 * the parent kills it. Arguments: data directory, run name.
 */
public final class SqliteCrashWriter {
  static final int IN_FLIGHT = 16;

  private final SqliteStorage storage;
  private final String run;
  private final PrintStream out;
  private final AtomicLong next = new AtomicLong();

  private SqliteCrashWriter(SqliteStorage storage, String run, PrintStream out) {
    this.storage = storage;
    this.run = run;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    String run = args[1];
    Vertx vertx = Vertx.vertx();
    SqliteStorage storage =
        SqliteStorage.open(vertx, dataDir)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    SqliteCrashWriter writer = new SqliteCrashWriter(storage, run, out);
    vertx.runOnContext(
        v -> {
          for (int i = 0; i < IN_FLIGHT; i++) {
            writer.writeNext();
          }
        });
    new CountDownLatch(1).await(); // runs until killed
  }

  /** The two keys of write {@code n} in {@code run}; both are written or neither. */
  static List<String> keys(String run, long n) {
    return List.of("crash/" + run + "/" + n + "/a", "crash/" + run + "/" + n + "/b");
  }

  /** The value stored under {@code key}: derived from it, about 200 bytes. */
  static byte[] valueOf(String key) {
    return (key + "|").repeat(200 / (key.length() + 1) + 1).getBytes(StandardCharsets.UTF_8);
  }

  private void writeNext() {
    long n = next.getAndIncrement();
    List<String> keys = keys(run, n);
    storage
        .transaction(
            List.of(
                StorageOp.put(new StorageEntry(keys.get(0), valueOf(keys.get(0)))),
                StorageOp.put(new StorageEntry(keys.get(1), valueOf(keys.get(1))))))
        .onSuccess(
            v -> {
              // Printed only after the commit was synced: every line is a promise to the parent.
              out.print("ACK " + n + " .\n");
              out.flush();
              writeNext();
            })
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(2);
            });
  }
}
