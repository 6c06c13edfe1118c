package org.keyward.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.keyward.testing.Futures;

/**
 * Measures records/s appended by a {@link FileAuditDevice} with 1 and 32 concurrent writers (each
 * waits for its append before the next, as a request does). Not a test: run by hand with {@code
 * java -cp ... org.keyward.audit.AuditAppendBench [records-per-run]}; prints, asserts nothing.
 */
public final class AuditAppendBench {
  private AuditAppendBench() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Vertx vertx = Vertx.vertx();
    ExecutorService signing = Executors.newSingleThreadExecutor();
    Path dir = Files.createTempDirectory("audit-bench");
    try {
      for (boolean fsync : new boolean[] {false, true}) {
        for (int writers : new int[] {1, 32}) {
          run(vertx, signing, dir, writers, total / 10, fsync); // warm-up
          double rate = run(vertx, signing, dir, writers, fsync ? total / 10 : total, fsync);
          System.out.printf("fsync=%s writers=%d: %.0f records/s%n", fsync, writers, rate);
        }
      }
    } finally {
      signing.shutdown();
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static double run(
      Vertx vertx, ExecutorService signing, Path dir, int writers, int total, boolean fsync)
      throws Exception {
    Path file = Files.createTempFile(dir, "bench", ".log");
    Files.delete(file);
    FileAuditDevice device =
        TestAuditLogs.open(
            vertx,
            new FileAuditOptions(file, 1L << 30, fsync, true, CheckpointPolicy.DEFAULT),
            new TestCheckpointSigner(),
            signing);
    AuditEvent event = TestAuditEvents.numbered(1);
    CountDownLatch done = new CountDownLatch(writers);
    int each = total / writers;
    long start = System.nanoTime();
    for (int w = 0; w < writers; w++) {
      // Each writer is a chain of appends on an event loop, like a stream of requests.
      vertx.runOnContext(v -> loop(device, event, each, done));
    }
    done.await(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    Futures.await(device.close());
    return each * writers / seconds;
  }

  private static void loop(
      FileAuditDevice device, AuditEvent event, int left, CountDownLatch done) {
    if (left == 0) {
      done.countDown();
      return;
    }
    Future<Void> f = device.append(event);
    f.onComplete(ar -> loop(device, event, left - 1, done));
  }
}
