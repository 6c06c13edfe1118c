package org.keyward.storage.sqlite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.keyward.storage.StorageConflictException;
import org.keyward.storage.StorageException;
import org.keyward.storage.StorageOp;
import org.keyward.storage.WorkerCall;

/**
 * The one thread that writes to the SQLite file. It takes every transaction queued while the
 * previous commit was syncing and commits them together (group commit): one fsync acknowledges the
 * whole batch. Each caller's transaction runs inside its own SAVEPOINT, so a failed expectation or
 * a statement error rolls back that caller's ops only and fails only its future.
 */
final class SqliteWriter {
  private static final System.Logger LOG = System.getLogger(SqliteWriter.class.getName());

  /** Bounds one commit's work so a flood of writers cannot stretch a single batch forever. */
  private static final int MAX_BATCH = 1024;

  private static final PendingWrite STOP = new PendingWrite(List.of(), null, null);

  private final Connection connection;
  private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object submitLock = new Object();
  private boolean closing;

  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong rowsWritten = new AtomicLong();

  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private final PreparedStatement savepoint;
  private final PreparedStatement release;
  private final PreparedStatement rollbackToSavepoint;
  private final PreparedStatement upsert;
  private final PreparedStatement delete;
  private final PreparedStatement select;

  /** Work that needs the writer connection to itself, in its own transaction (a restore). */
  @FunctionalInterface
  interface ExclusiveWork {
    long run(Connection connection, PreparedStatement upsert) throws SQLException, IOException;
  }

  private record PendingJob(ExclusiveWork work, WorkerCall<Long> call) {}

  /** Either ops from a caller (grouped with others) or, with {@code job} set, exclusive work. */
  private record PendingWrite(List<StorageOp> ops, WorkerCall<Void> call, PendingJob job) {}

  /** What one caller's transaction came to inside the batch; null failure means applied. */
  private record Outcome(PendingWrite write, int rows, RuntimeException failure) {}

  SqliteWriter(Connection connection) throws SQLException {
    this.connection = connection;
    // BEGIN IMMEDIATE takes the write lock up front, so a commit never fails half-way on a lock.
    begin = connection.prepareStatement("BEGIN IMMEDIATE");
    commit = connection.prepareStatement("COMMIT");
    rollback = connection.prepareStatement("ROLLBACK");
    savepoint = connection.prepareStatement("SAVEPOINT caller");
    release = connection.prepareStatement("RELEASE caller");
    rollbackToSavepoint = connection.prepareStatement("ROLLBACK TO caller");
    String table = SqliteFile.TABLE;
    upsert =
        connection.prepareStatement(
            "INSERT INTO "
                + table
                + " (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    delete = connection.prepareStatement("DELETE FROM " + table + " WHERE key = ?");
    select = connection.prepareStatement("SELECT value FROM " + table + " WHERE key = ?");
    thread = new Thread(this::run, "storage-sqlite-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code ops}; the future completes on the caller's context once committed and synced. */
  Future<Void> submit(Vertx vertx, List<StorageOp> ops) {
    WorkerCall<Void> call = WorkerCall.capture(vertx);
    synchronized (submitLock) {
      if (closing) {
        return Future.failedFuture(new StorageException("sqlite storage is closed"));
      }
      queue.add(new PendingWrite(List.copyOf(ops), call, null));
    }
    return call.future();
  }

  /**
   * Queues {@code work} to run alone in one transaction between group commits: the writes queued
   * before it commit first, those after it wait. Committed (and synced) when the work returns;
   * rolled back entirely when it throws, in which case a {@link RuntimeException} is passed on
   * unchanged and anything else wrapped in a {@link StorageException}.
   */
  Future<Long> exclusive(Vertx vertx, ExclusiveWork work) {
    WorkerCall<Long> call = WorkerCall.capture(vertx);
    synchronized (submitLock) {
      if (closing) {
        return Future.failedFuture(new StorageException("sqlite storage is closed"));
      }
      queue.add(new PendingWrite(List.of(), null, new PendingJob(work, call)));
    }
    return call.future();
  }

  GroupCommitStats stats() {
    return new GroupCommitStats(commits.get(), transactions.get(), rowsWritten.get());
  }

  /** Refuses new writes, commits everything queued before, then closes the connection. */
  void close() {
    synchronized (submitLock) {
      if (closing) {
        return;
      }
      closing = true;
      queue.add(STOP);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing the sqlite writer connection failed", e);
    }
  }

  private void run() {
    List<PendingWrite> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failQueued(new StorageException("sqlite writer thread was interrupted"));
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      // Nothing is queued after STOP (submit refuses once closing), so it can only be last.
      stop = batch.get(batch.size() - 1) == STOP;
      if (stop) {
        batch.remove(batch.size() - 1);
      }
      commitInOrder(batch);
      batch.clear();
    }
  }

  /**
   * Refuses further writes and fails every queued one: with the writer thread gone nobody else
   * would ever complete them, and a caller must not wait forever.
   */
  private void failQueued(StorageException failure) {
    List<PendingWrite> left = new ArrayList<>();
    synchronized (submitLock) {
      closing = true;
      queue.drainTo(left);
    }
    for (PendingWrite write : left) {
      if (write != STOP) {
        write.call().fail(failure);
      }
    }
  }

  /** The writer thread, so a test can interrupt it. */
  Thread thread() {
    return thread;
  }

  /** Group-commits the ops between exclusive jobs, running each job alone at its place. */
  private void commitInOrder(List<PendingWrite> batch) {
    List<PendingWrite> group = new ArrayList<>();
    for (PendingWrite write : batch) {
      if (write.job() == null) {
        group.add(write);
        continue;
      }
      if (!group.isEmpty()) {
        commitBatch(group);
        group = new ArrayList<>();
      }
      runExclusive(write.job());
    }
    if (!group.isEmpty()) {
      commitBatch(group);
    }
  }

  private void runExclusive(PendingJob job) {
    long rows;
    try {
      begin.execute();
      rows = job.work().run(connection, upsert);
      commit.execute();
    } catch (RuntimeException e) {
      rollbackQuietly();
      job.call().fail(e);
      return;
    } catch (SQLException | IOException e) {
      rollbackQuietly();
      job.call().fail(new StorageException("sqlite exclusive write failed", e));
      return;
    }
    commits.incrementAndGet();
    rowsWritten.addAndGet(rows);
    job.call().complete(rows);
  }

  private void commitBatch(List<PendingWrite> batch) {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    try {
      begin.execute();
      for (PendingWrite write : batch) {
        outcomes.add(applyInSavepoint(write));
      }
      commit.execute();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      StorageException failure =
          new StorageException("sqlite commit of " + batch.size() + " transactions failed", e);
      for (PendingWrite write : batch) {
        write.call().fail(failure);
      }
      return;
    }
    commits.incrementAndGet();
    for (Outcome outcome : outcomes) {
      if (outcome.failure() == null) {
        transactions.incrementAndGet();
        rowsWritten.addAndGet(outcome.rows());
        outcome.write().call().complete(null);
      } else {
        outcome.write().call().fail(outcome.failure());
      }
    }
  }

  /** Applies one caller's ops; throws only when the savepoint itself cannot be rolled back. */
  private Outcome applyInSavepoint(PendingWrite write) throws SQLException {
    savepoint.execute();
    String key = null;
    int rows = 0;
    try {
      for (StorageOp op : write.ops()) {
        key = op.key();
        if (op instanceof StorageOp.Put put) {
          upsert.setString(1, key);
          upsert.setBytes(2, put.entry().value());
          upsert.executeUpdate();
          rows++;
        } else if (op instanceof StorageOp.Delete) {
          delete.setString(1, key);
          delete.executeUpdate();
          rows++;
        } else if (op instanceof StorageOp.Expect expect && !holds(expect)) {
          rollbackToSavepoint.execute();
          release.execute();
          return new Outcome(write, 0, new StorageConflictException(key));
        }
      }
      release.execute();
      return new Outcome(write, rows, null);
    } catch (SQLException e) {
      rollbackToSavepoint.execute();
      release.execute();
      return new Outcome(
          write, 0, new StorageException("sqlite write failed on key '" + key + "'", e));
    }
  }

  private boolean holds(StorageOp.Expect expect) throws SQLException {
    select.setString(1, expect.key());
    try (ResultSet rs = select.executeQuery()) {
      byte[] current = rs.next() ? rs.getBytes(1) : null;
      return Arrays.equals(current, expect.value());
    }
  }

  private void rollbackQuietly() {
    try {
      rollback.execute();
    } catch (SQLException e) {
      // SQLite may already have rolled the transaction back itself (disk full, I/O error).
      LOG.log(Level.DEBUG, "sqlite rollback after a failed batch failed", e);
    }
  }
}
