package org.keyward.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.keyward.concurrent.GroupCommit;
import org.keyward.concurrent.GroupCommit.Slot;

/**
 * An audit device writing chained JSON lines to a file (see {@link AuditChain}, {@link AuditFile}).
 *
 * <p><b>Threading and throughput.</b> Callers build and serialize the record on their own thread
 * (the event loop), then hand the bytes to one writer thread per device ({@link GroupCommit}),
 * which drains everything queued (up to about 1024 records), chains and writes it with one {@code
 * write} call, and completes the callers' futures with one hop per event loop per batch. What an
 * event loop appends during one turn is handed over at the end of that turn, together ({@link
 * GroupCommit#submitAtEndOfTick}). So concurrent requests share a hand-off, a write and a wake-up.
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

  /**
   * One or two records to write as consecutive lines ({@code second} null for one: a request and
   * its response share an entry); {@code covers} is the seq a checkpoint line signs, -1 for
   * records.
   */
  private record Entry(byte[] body, byte[] second, long covers) {
    boolean checkpoint() {
      return covers >= 0;
    }

    int lines() {
      return second == null ? 1 : 2;
    }
  }

  private final String path;
  private final AuditHmac hmac;
  private final AuditRecordFormat format;
  private final FileAuditOptions options;
  private final CheckpointSigner signer;
  private final AuditCheckpointer checkpointer;
  private volatile GroupCommit<Entry, Void> writer;
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
            (body, covers) -> writer.submitUntracked(new Entry(body, null, covers)));
  }

  /**
   * Opens the file on a worker thread and starts the device's writer thread. Fails if the file
   * cannot be opened or its last line cannot be read back (a corrupt tail is refused, not
   * overwritten).
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
    return vertx
        .executeBlocking(() -> AuditFile.open(options.file(), options.maxBytes(), options.fsync()))
        .onFailure(
            e ->
                LOG.log(
                    Level.WARNING, "audit device " + path + " cannot open " + options.file(), e))
        .map(device::begin);
  }

  private FileAuditDevice begin(AuditFile opened) {
    file = opened;
    lastSeq = opened.head().seq();
    // The thread starts after the fields above are set, so it sees them (Thread.start).
    writer =
        new GroupCommit<>(
            "keyward-audit-" + path.replace('/', ' '),
            MAX_BATCH,
            new FileWriter(),
            () -> new IOException("audit device " + path + " is closed"));
    return this;
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
    byte[] body;
    try {
      body = format.bytes(event);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return writer.submitAtEndOfTick(new Entry(body, null, -1), Vertx.currentContext());
  }

  /**
   * Both records in one queue entry: one hand-off to the writer thread and one completion, and the
   * two lines are consecutive in the file (nothing is chained between a request and its response).
   */
  @Override
  public Future<Void> append(AuditEvent first, AuditEvent second) {
    AuditRecordFormat.Lines lines;
    try {
      lines = format.bytes(first, second);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return writer.submitAtEndOfTick(
        new Entry(lines.first(), lines.second(), -1), Vertx.currentContext());
  }

  @Override
  public Future<Void> close() {
    return writer.close();
  }

  /** The writer thread's side: chains and writes each batch, keeps checkpoints on schedule. */
  private final class FileWriter implements GroupCommit.Writer<Entry, Void> {
    @Override
    public void commit(List<Slot<Entry, Void>> batch) throws IOException {
      List<byte[]> bodies = new ArrayList<>(batch.size() * 2);
      for (Slot<Entry, Void> slot : batch) {
        Entry entry = slot.entry();
        bodies.add(entry.body());
        if (entry.second() != null) {
          bodies.add(entry.second());
        }
      }
      try {
        file.append(bodies);
      } catch (IOException | RuntimeException e) {
        LOG.log(
            Level.ERROR,
            "audit device " + path + " could not write " + bodies.size() + " records",
            e);
        throw new IOException("audit device " + path + " could not write");
      }
      lastSeq = file.head().seq();
      long seq = lastSeq - bodies.size();
      for (Slot<Entry, Void> slot : batch) {
        Entry entry = slot.entry();
        seq += entry.lines();
        if (entry.checkpoint()) {
          checkpointer.checkpointWritten(seq, entry.covers());
        } else {
          for (int i = 0; i < entry.lines(); i++) {
            checkpointer.recordWritten();
          }
        }
      }
    }

    @Override
    public long idleMillis() {
      return checkpointer.millisToNext();
    }

    @Override
    public void afterWake() {
      checkpointer.maybeRequest(file.head());
    }

    /** A checkpoint still being signed is queued when it is done: wait for it to be written. */
    @Override
    public void beforeClose() {
      checkpointer.awaitPending();
    }

    /** Signs the final head (waiting for the signer) and closes the file. */
    @Override
    public void closed() {
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
    }
  }
}
