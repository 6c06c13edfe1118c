package org.keyward.storage.sqlite;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Copies the SQLite write-ahead log back into the data file (a checkpoint) on a thread and
 * connection of its own, so no commit waits for it. SQLite's default runs a checkpoint inside the
 * commit that crosses 1000 WAL pages: that commit, and every write grouped behind it, then waits
 * for the data file's writes and fsync; with this the writer connection runs with {@code
 * wal_autocheckpoint=0}. A PASSIVE checkpoint takes neither the write lock nor waits for readers,
 * so writes and reads go on while it runs (SQLite allows one checkpointer beside one writer).
 *
 * <p>It runs when {@value #ROWS_PER_CHECKPOINT} rows were written since the last one, or at least
 * one row and a second has passed: close to SQLite's own cadence.
 *
 * <p><b>Restarting the WAL.</b> SQLite rewinds the WAL to its start only when a write begins after
 * a checkpoint that copied <em>every</em> frame; a checkpoint beside a busy writer never does, as
 * frames keep arriving, and the WAL would grow without bound. So after copying the bulk here it
 * asks the writer ({@link #takeRestartRequest()}) to run one more PASSIVE checkpoint between two
 * batches: that one copies only the few frames since, completes, and the next commit rewinds the
 * WAL. The WAL stays a few MiB and the commit path pays a small checkpoint, not SQLite's full one.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WalCheckpointer.class.getName());
  static final long ROWS_PER_CHECKPOINT = 1000;
  private static final long POLL_MILLIS = 50;
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** What one checkpoint found: frames in the WAL, and how many of them are now in the file. */
  record Result(boolean busy, long walFrames, long checkpointedFrames) {}

  private final Connection connection;
  private final LongSupplier rowsWritten;
  private final Thread thread;
  private volatile boolean running = true;
  private final AtomicBoolean restartWanted = new AtomicBoolean();
  private long checkpoints;

  /**
   * @param connection a connection of its own, closed by {@link #close()}
   * @param rowsWritten the writer's running count of rows written, which paces checkpoints
   */
  WalCheckpointer(Connection connection, LongSupplier rowsWritten) {
    this.connection = connection;
    this.rowsWritten = rowsWritten;
    this.thread = new Thread(this::run, "storage-sqlite-checkpointer");
    thread.setDaemon(true);
    thread.start();
  }

  /** One PASSIVE checkpoint now. */
  synchronized Result checkpoint() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      checkpoints++;
      return new Result(rs.getInt(1) != 0, rs.getLong(2), rs.getLong(3));
    }
  }

  /** Asks the writer to complete the next checkpoint between two batches. */
  void requestRestart() {
    restartWanted.set(true);
  }

  /** For the writer thread, after a batch: whether to run a (small) checkpoint now. */
  boolean takeRestartRequest() {
    // Read first: the writer asks after every batch, and a request is rare.
    return restartWanted.get() && restartWanted.getAndSet(false);
  }

  /** Checkpoints run since open. */
  synchronized long checkpoints() {
    return checkpoints;
  }

  private void run() {
    long rowsAtLast = rowsWritten.getAsLong();
    long lastNanos = System.nanoTime();
    while (running) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long rows = rowsWritten.getAsLong() - rowsAtLast;
      boolean due =
          rows >= ROWS_PER_CHECKPOINT
              || (rows > 0 && System.nanoTime() - lastNanos > MAX_WAIT_NANOS);
      if (!due || !running) {
        continue;
      }
      rowsAtLast += rows;
      lastNanos = System.nanoTime();
      try {
        if (checkpoint().walFrames() >= ROWS_PER_CHECKPOINT) {
          requestRestart();
        }
      } catch (SQLException e) {
        // The writer goes on; the WAL only grows until a later checkpoint succeeds.
        LOG.log(Level.WARNING, "sqlite WAL checkpoint failed", e);
      }
    }
  }

  /**
   * Stops the thread and closes its connection; what is left in the WAL is checkpointed by SQLite
   * when the storage closes its last connection (a reader's), or replayed at the next open.
   */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "closing the sqlite checkpointer connection failed", e);
      }
    }
  }
}
