package org.keyward.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An audit device writing chained JSON lines to a file (see {@link AuditChain}, {@link AuditFile}).
 *
 * <p><b>Threading and throughput.</b> Callers build and serialize the record on their own thread
 * (the event loop), then hand the bytes to one writer thread per device, which drains everything
 * queued (up to 1024 records), chains and writes it with one {@code write} call, and completes each
 * caller's future on that caller's Vert.x context. So concurrent requests share a write.
 *
 * <p><b>Durability.</b> A completed append means the record reached the OS (it survives a crash of
 * the server process, not a power loss). With {@code fsync} on, each batch is also forced to disk
 * before completion: one fsync per batch, not per record, but it still caps throughput near the
 * disk's fsync rate (about 6k/s on this class of machine) when few requests run at once.
 *
 * <p><b>Checkpoints.</b> {@link AuditCheckpointer} decides when, and has the chain head signed off
 * this thread; the signed checkpoint is then appended as a line of type {@code checkpoint}. No
 * request waits for the HSM. Closing the device signs the final head.
 */
public final class FileAuditDevice implements AuditDevice {
  private static final System.Logger LOG = System.getLogger(FileAuditDevice.class.getName());
  private static final int MAX_BATCH = 1024;

  /** A record to write; {@code covers} is the seq a checkpoint line signs, -1 for records. */
  private record Entry(byte[] body, Promise<Void> promise, Context context, long covers) {
    boolean checkpoint() {
      return covers >= 0;
    }
  }

  private static final Entry CLOSE = new Entry(null, null, null, -1);

  private final String path;
  private final AuditHmac hmac;
  private final AuditRecordFormat format;
  private final FileAuditOptions options;
  private final CheckpointSigner signer;
  private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
  private final AuditCheckpointer checkpointer;
  private final Promise<Void> closed = Promise.promise();
  private volatile boolean accepting = true;
  private volatile long lastSeq;
  private AuditFile file;

  private FileAuditDevice(
      String path,
      AuditHmac hmac,
      FileAuditOptions options,
      CheckpointSigner signer,
      Executor signExecutor) {
    this.path = path;
    this.hmac = hmac;
    this.format = new AuditRecordFormat(hmac, options.hmacAccessor());
    this.options = options;
    this.signer = signer;
    this.checkpointer =
        new AuditCheckpointer(
            path,
            options.checkpoints(),
            signer,
            signExecutor,
            (body, covers) -> queue.add(new Entry(body, null, null, covers)));
  }

  /**
   * Opens the file on the device's own writer thread and starts it. Fails if the file cannot be
   * opened or its last line cannot be read back (a corrupt tail is refused, not overwritten).
   *
   * @param signer signs checkpoints; null writes an unsigned chain (tests, dev mode)
   * @param signExecutor runs {@code signer} (an HSM worker pool); never an event loop
   */
  public static Future<FileAuditDevice> start(
      Vertx vertx,
      String path,
      AuditHmac hmac,
      FileAuditOptions options,
      CheckpointSigner signer,
      Executor signExecutor) {
    FileAuditDevice device = new FileAuditDevice(path, hmac, options, signer, signExecutor);
    Context context = vertx.getOrCreateContext();
    Promise<FileAuditDevice> started = Promise.promise();
    Thread writer =
        new Thread(() -> device.run(context, started), "keyward-audit-" + path.replace('/', ' '));
    writer.setDaemon(true);
    writer.start();
    return started.future();
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public AuditHmac hmac() {
    return hmac;
  }

  /** The active file; rotated files sit beside it as {@code <name>.1}, {@code <name>.2}, ... */
  public Path file() {
    return options.file();
  }

  /** The public key checkpoints verify under, or null when the device signs none. */
  public java.security.PublicKey checkpointKey() {
    return signer == null ? null : signer.publicKey();
  }

  /** The sequence number of the last line written, for checking a live log for a cut tail. */
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public Future<Void> append(AuditEvent event) {
    if (!accepting) {
      return Future.failedFuture(new IOException("audit device " + path + " is closed"));
    }
    byte[] body;
    try {
      body = format.record(event).toBuffer().getBytes();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Promise<Void> promise = Promise.promise();
    queue.add(new Entry(body, promise, Vertx.currentContext(), -1));
    if (closed.future().isComplete()) {
      // Raced with close(): the writer is gone, so nothing will complete it otherwise.
      promise.tryFail(new IOException("audit device " + path + " is closed"));
    }
    return promise.future();
  }

  @Override
  public Future<Void> close() {
    if (accepting) {
      accepting = false;
      queue.add(CLOSE);
    }
    return closed.future();
  }

  private void run(Context startContext, Promise<FileAuditDevice> started) {
    try {
      file = AuditFile.open(options.file(), options.maxBytes(), options.fsync());
      lastSeq = file.head().seq();
    } catch (IOException | RuntimeException e) {
      accepting = false;
      closed.tryComplete();
      LOG.log(Level.WARNING, "audit device " + path + " cannot open " + options.file(), e);
      startContext.runOnContext(v -> started.fail(e));
      return;
    }
    startContext.runOnContext(v -> started.complete(this));
    List<Entry> batch = new ArrayList<>(MAX_BATCH);
    boolean closing = false;
    while (!closing) {
      batch.clear();
      try {
        Entry first = queue.poll(checkpointer.millisToNext(), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closing = true;
      }
      int end = batch.indexOf(CLOSE);
      if (end >= 0) {
        closing = true;
        batch.subList(end, batch.size()).clear();
      }
      write(batch);
      if (!closing) {
        checkpointer.maybeRequest(file.head());
      }
    }
    shutDown();
  }

  private void write(List<Entry> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<byte[]> bodies = new ArrayList<>(batch.size());
    for (Entry e : batch) {
      bodies.add(e.body());
    }
    Throwable failure = null;
    try {
      file.append(bodies);
      lastSeq = file.head().seq();
      for (int i = 0; i < batch.size(); i++) {
        if (batch.get(i).checkpoint()) {
          checkpointer.checkpointWritten(lastSeq - batch.size() + 1 + i, batch.get(i).covers());
        } else {
          checkpointer.recordWritten();
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.ERROR, "audit device " + path + " could not write " + batch.size() + " records", e);
      failure = new IOException("audit device " + path + " could not write");
    }
    complete(batch, failure);
  }

  /** Completes each promise on its caller's context, one hop per context per batch. */
  private static void complete(List<Entry> batch, Throwable failure) {
    Map<Context, List<Promise<Void>>> byContext = new IdentityHashMap<>();
    for (Entry e : batch) {
      if (e.promise() == null) {
        continue;
      }
      if (e.context() == null) {
        settle(e.promise(), failure);
      } else {
        byContext.computeIfAbsent(e.context(), c -> new ArrayList<>()).add(e.promise());
      }
    }
    byContext.forEach(
        (context, promises) ->
            context.runOnContext(v -> promises.forEach(p -> settle(p, failure))));
  }

  private static void settle(Promise<Void> promise, Throwable failure) {
    if (failure == null) {
      promise.tryComplete();
    } else {
      promise.tryFail(failure);
    }
  }

  /** Writes what is left, signs the final head (waiting for the signer), closes the file. */
  private void shutDown() {
    // A checkpoint still being signed is queued when it is done: wait for it, then write it.
    checkpointer.awaitPending();
    List<Entry> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.removeIf(e -> e == CLOSE);
    write(rest);
    byte[] last = checkpointer.finalCheckpoint(file.head());
    if (last != null) {
      try {
        file.append(List.of(last));
        lastSeq = file.head().seq();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "audit device " + path + ": final checkpoint not written", e);
      }
    }
    try {
      file.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "audit device " + path + ": close failed", e);
    }
    closed.tryComplete();
  }
}
