package org.keyward.storage.sqlite;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.keyward.storage.StorageEntry;

/**
 * Measures durable write throughput and latency of {@link SqliteStorage}: closed-loop writers (each
 * starts its next put when the last one is acknowledged) of 200-byte values, for 1, 8 and 32
 * writers. Run by hand, not by the build:
 *
 * <pre>
 * java -cp &lt;test classpath&gt; org.keyward.storage.sqlite.SqliteWriteBench [seconds] [dir]
 * </pre>
 *
 * The directory (default: a temp dir) should be on the disk the server will use: fsync cost is what
 * is measured.
 */
public final class SqliteWriteBench {
  private static final int VALUE_BYTES = 200;
  private static final int[] WRITERS = {1, 8, 32};

  private record Result(
      int writers, long writes, double seconds, long[] latenciesNanos, GroupCommitStats stats) {
    String line() {
      Arrays.sort(latenciesNanos);
      return String.format(
          "writers=%2d  writes/s=%7.0f  p50=%6.2f ms  p99=%6.2f ms  max=%6.2f ms"
              + "  commits/s=%6.0f  writes/commit=%5.1f",
          writers,
          writes / seconds,
          percentile(0.50),
          percentile(0.99),
          latenciesNanos[latenciesNanos.length - 1] / 1e6,
          stats.commits() / seconds,
          (double) stats.transactions() / stats.commits());
    }

    private double percentile(double p) {
      int i = (int) Math.ceil(p * latenciesNanos.length) - 1;
      return latenciesNanos[Math.max(0, i)] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path base = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("keyward-bench");
    Vertx vertx = Vertx.vertx();
    try {
      for (int writers : WRITERS) {
        Path dir = Files.createTempDirectory(base, "w" + writers + "-");
        System.out.println(run(vertx, dir, writers, seconds).line());
        deleteTree(dir);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static Result run(Vertx vertx, Path dir, int writers, int seconds) throws Exception {
    try (SqliteStorage storage =
        SqliteStorage.open(vertx, dir).toCompletionStage().toCompletableFuture().get()) {
      Run run = new Run(storage, writers, seconds);
      Context context = vertx.getOrCreateContext();
      context.runOnContext(v -> run.start());
      return run.done.get(seconds + 60L, TimeUnit.SECONDS);
    }
  }

  /** One level's writers; all state is touched on one event-loop context only. */
  private static final class Run {
    private final SqliteStorage storage;
    private final int writers;
    private final long warmupEnd;
    private final long measureEnd;
    private final byte[] value = new byte[VALUE_BYTES];
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private long[] latencies = new long[1 << 16];
    private int count;
    private int active;
    private long sequence;
    private GroupCommitStats atStart;
    private GroupCommitStats atEnd;

    Run(SqliteStorage storage, int writers, int seconds) {
      this.storage = storage;
      this.writers = writers;
      long now = System.nanoTime();
      this.warmupEnd = now + TimeUnit.SECONDS.toNanos(1);
      this.measureEnd = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
      Arrays.fill(value, (byte) 0x5a);
    }

    void start() {
      active = writers;
      for (int i = 0; i < writers; i++) {
        next();
      }
    }

    private void next() {
      long started = System.nanoTime();
      if (atStart == null && started >= warmupEnd) {
        atStart = storage.stats();
      }
      String key = "bench/" + (sequence++);
      storage
          .put(new StorageEntry(key, value))
          .onComplete(
              r -> {
                if (r.failed()) {
                  done.completeExceptionally(r.cause());
                  return;
                }
                long finished = System.nanoTime();
                if (started >= warmupEnd && finished <= measureEnd) {
                  record(finished - started);
                }
                if (finished < measureEnd) {
                  next();
                } else if (--active == 0) {
                  atEnd = storage.stats();
                  finish();
                }
              });
    }

    private void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    private void finish() {
      double seconds = (measureEnd - warmupEnd) / 1e9;
      GroupCommitStats window =
          new GroupCommitStats(
              atEnd.commits() - atStart.commits(),
              atEnd.transactions() - atStart.transactions(),
              atEnd.rowsWritten() - atStart.rowsWritten());
      done.complete(new Result(writers, count, seconds, Arrays.copyOf(latencies, count), window));
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
