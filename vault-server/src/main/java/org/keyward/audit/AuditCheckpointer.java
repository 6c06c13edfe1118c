package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;

/**
 * When a {@link FileAuditDevice} writes a signed checkpoint, and getting it signed off the writer
 * thread. Per {@link CheckpointPolicy} it snapshots the chain head and has the signing executor (an
 * HSM pool) sign it; the signed line then joins the device's queue like any record, so no request
 * waits for the HSM. At close it signs the final head unless the last line already covers it.
 *
 * <p>Called from the device's writer thread only, except the signing task, which only enqueues.
 */
final class AuditCheckpointer {
  private static final System.Logger LOG = System.getLogger(FileAuditDevice.class.getName());

  private final String path;
  private final CheckpointPolicy policy;
  private final CheckpointSigner signer;
  private final Executor signExecutor;
  private final ObjLongConsumer<byte[]> enqueue;
  private volatile CompletableFuture<Void> signing = CompletableFuture.completedFuture(null);
  private int uncheckpointed;
  private long lastCheckpointLine = -1;
  private long lastCovered = -1;
  private long lastCheckpointNanos = System.nanoTime();

  /**
   * @param signer signs checkpoints; null: the device writes an unsigned chain
   * @param enqueue queues a signed checkpoint line and the seq it covers for the writer
   */
  AuditCheckpointer(
      String path,
      CheckpointPolicy policy,
      CheckpointSigner signer,
      Executor signExecutor,
      ObjLongConsumer<byte[]> enqueue) {
    this.path = path;
    this.policy = policy;
    this.signer = signer;
    this.signExecutor = signExecutor;
    this.enqueue = enqueue;
  }

  /** A record line was written. */
  void recordWritten() {
    uncheckpointed++;
  }

  /** A checkpoint line covering record {@code covers} was written as line {@code lineSeq}. */
  void checkpointWritten(long lineSeq, long covers) {
    lastCheckpointLine = lineSeq;
    lastCovered = covers;
  }

  /** How long the writer may wait for records before a checkpoint may fall due. */
  long millisToNext() {
    if (signer == null || uncheckpointed == 0) {
      return policy.every().toMillis();
    }
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastCheckpointNanos);
    return Math.max(1, policy.every().toMillis() - elapsed);
  }

  /** Starts signing {@code head} if a checkpoint is due and none is being signed. */
  void maybeRequest(AuditFile.Head head) {
    if (signer == null || uncheckpointed == 0 || !signing.isDone()) {
      return;
    }
    long elapsed = System.nanoTime() - lastCheckpointNanos;
    boolean due = uncheckpointed >= policy.everyRecords() || elapsed >= policy.every().toNanos();
    if (!due) {
      return;
    }
    uncheckpointed = 0;
    lastCheckpointNanos = System.nanoTime();
    try {
      signing =
          CompletableFuture.runAsync(
              () -> {
                try {
                  enqueue.accept(checkpointBody(sign(head)), head.seq());
                } catch (Exception e) {
                  LOG.log(Level.WARNING, "audit device " + path + ": checkpoint not signed", e);
                }
              },
              signExecutor);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "audit device " + path + ": signing executor refused a checkpoint", e);
    }
  }

  /** At close: waits for a checkpoint still being signed, which then sits in the queue. */
  void awaitPending() {
    try {
      signing.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(Level.WARNING, "audit device " + path + ": pending checkpoint lost at close", e);
    }
  }

  /**
   * At close, after the last records: the line that signs {@code head}, or null when the device
   * signs nothing, the log is empty, the last line already covers the end, or signing failed.
   */
  byte[] finalCheckpoint(AuditFile.Head head) {
    long headSeq = head.seq();
    boolean endCovered = headSeq == lastCheckpointLine && lastCovered == headSeq - 1;
    if (signer == null || headSeq <= 0 || endCovered) {
      return null;
    }
    try {
      Checkpoint last =
          CompletableFuture.supplyAsync(() -> signUnchecked(head), signExecutor)
              .get(30, TimeUnit.SECONDS);
      return checkpointBody(last);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(Level.WARNING, "audit device " + path + ": final checkpoint not written", e);
      return null;
    }
  }

  private Checkpoint sign(AuditFile.Head head) throws GeneralSecurityException {
    return Checkpoint.sign(
        signer,
        head.seq(),
        head.hash(),
        head.fileFirstSeq(),
        head.fileGenesis(),
        Instant.now().toString());
  }

  private Checkpoint signUnchecked(AuditFile.Head head) {
    try {
      return sign(head);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("checkpoint signing failed", e);
    }
  }

  static byte[] checkpointBody(Checkpoint checkpoint) {
    return new JsonObject()
        .put("type", "checkpoint")
        .put("time", checkpoint.time())
        .put("checkpoint", checkpoint.toJson())
        .toBuffer()
        .getBytes();
  }
}
