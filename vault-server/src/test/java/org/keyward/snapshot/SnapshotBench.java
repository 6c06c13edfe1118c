package org.keyward.snapshot;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageOp;
import org.keyward.storage.postgres.PasswordSource;
import org.keyward.storage.postgres.PostgresOptions;
import org.keyward.storage.postgres.PostgresStorage;
import org.keyward.storage.sqlite.SqliteStorage;

/**
 * Snapshot and restore time and peak heap for a store of N entries of 200 bytes (the size of a
 * small barrier-encrypted KV version), and the KV write rate of 8 closed-loop writers with and
 * without a snapshot being taken, at the storage layer. Run by hand, not by the build, with the
 * server's heap cap:
 *
 * <pre>
 * java -Xmx256m -cp &lt;test classpath&gt; org.keyward.snapshot.SnapshotBench sqlite|postgres N [dir]
 * </pre>
 *
 * PostgreSQL: 127.0.0.1:5432, database {@code test}, user postgres, schemas {@code
 * keyward_bench_src} and {@code keyward_bench_dst} (dropped first by hand if present).
 */
public final class SnapshotBench {
  private static final int VALUE_BYTES = 200;
  private static final int BATCH = 1000;
  private static final int WRITERS = 8;

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int n = Integer.parseInt(args[1]);
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("snapshot-bench");
    Vertx vertx = Vertx.vertx();
    try {
      Storage source = await(open(vertx, kind, dir, "src"));
      Storage target = await(open(vertx, kind, dir, "dst"));
      fill(source, n);
      SnapshotService service =
          new SnapshotService(
              vertx, source, TestSnapshots.signer(), "bench", dir, Clock.systemUTC(), null);
      HeapPeak heap = new HeapPeak();
      long t0 = System.nanoTime();
      SnapshotInfo info = await(service.saveTo(dir.resolve("bench.snap")));
      double save = (System.nanoTime() - t0) / 1e9;
      long saveHeap = heap.takePeak();
      t0 = System.nanoTime();
      long restored = await(service.restoreInto(target, info.file()));
      double restore = (System.nanoTime() - t0) / 1e9;
      long restoreHeap = heap.takePeak();
      double idle = writeRate(source, null, 10);
      double during = writeRate(source, service, 10);
      System.out.printf(
          "%s n=%d file=%d MiB save=%.1f s restore=%.1f s (%d rows) peakHeapSave=%d MiB"
              + " peakHeapRestore=%d MiB maxHeap=%d MiB%n",
          kind,
          n,
          info.size() >> 20,
          save,
          restore,
          restored,
          saveHeap >> 20,
          restoreHeap >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf(
          "%s writes/s idle=%.0f during snapshots=%.0f ratio=%.2f%n",
          kind, idle, during, during / idle);
      heap.stop();
      source.close();
      target.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Future<? extends Storage> open(Vertx vertx, String kind, Path dir, String name) {
    if (kind.equals("sqlite")) {
      return SqliteStorage.openFile(vertx, dir.resolve(name + ".db"));
    }
    return PostgresStorage.open(
        vertx,
        PostgresOptions.of(
            "jdbc:postgresql://127.0.0.1:5432/test",
            "postgres",
            PasswordSource.none(),
            "keyward_bench_" + name));
  }

  private static void fill(Storage storage, int n) throws Exception {
    Random random = new Random(1);
    for (int i = 0; i < n; i += BATCH) {
      List<StorageOp> ops = new ArrayList<>();
      for (int j = i; j < Math.min(n, i + BATCH); j++) {
        byte[] value = new byte[VALUE_BYTES];
        random.nextBytes(value);
        ops.add(StorageOp.put(new StorageEntry(String.format("logical/kv/data/s%09d", j), value)));
      }
      await(storage.transaction(ops));
    }
  }

  /** Writes/s of 8 writers for {@code seconds}; with {@code service}, snapshots run all along. */
  private static double writeRate(Storage storage, SnapshotService service, int seconds)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong writes = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int id = w;
      Thread t =
          new Thread(
              () -> {
                byte[] value = new byte[VALUE_BYTES];
                for (long i = 0; !stop.get(); i++) {
                  await(
                      storage.put(
                          new StorageEntry("logical/kv/data/w" + id + "/" + (i % 1000), value)));
                  writes.incrementAndGet();
                }
              });
      threads.add(t);
      t.start();
    }
    Thread snapshots = null;
    if (service != null) {
      snapshots =
          new Thread(
              () -> {
                while (!stop.get()) {
                  await(
                      service.saveTo(
                          Path.of(System.getProperty("java.io.tmpdir"), "bench-during.snap")));
                }
              });
      snapshots.start();
    }
    long start = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // a benchmark window, not a test timing
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    if (snapshots != null) {
      snapshots.join();
    }
    return writes.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(1, TimeUnit.HOURS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Samples the used heap every 20 ms; takePeak returns the maximum since the last call. */
  private static final class HeapPeak {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();

    HeapPeak() {
      Thread t =
          new Thread(
              () -> {
                while (!stopped.get()) {
                  long used = 0;
                  for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                      used += pool.getUsage().getUsed();
                    }
                  }
                  peak.accumulateAndGet(used, Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    long takePeak() {
      return peak.getAndSet(0);
    }

    void stop() {
      stopped.set(true);
    }
  }
}
