package org.keyward.storage.sqlite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.keyward.concurrent.GroupCommit;
import org.keyward.concurrent.GroupCommit.Slot;
import org.keyward.storage.StorageConflictException;
import org.keyward.storage.StorageException;
import org.keyward.storage.StorageOp;

/**
 * The one thread that writes to the SQLite file ({@link GroupCommit}). It takes every transaction
 * queued while the previous commit was syncing and commits them together: one fsync acknowledges
 * the whole batch. Each caller's transaction runs inside its own SAVEPOINT, so a failed expectation
 * or a statement error rolls back that caller's ops only and fails only its future.
 */
final class SqliteWriter implements GroupCommit.Writer<SqliteWriter.PendingWrite, Long> {
  private static final System.Logger LOG = System.getLogger(SqliteWriter.class.getName());

  /** Bounds one commit's work so a flood of writers cannot stretch a single batch forever. */
  private static final int MAX_BATCH = 1024;

  private final Connection connection;
  private final GroupCommit<PendingWrite, Long> batcher;
  private volatile WalCheckpointer checkpointer;

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

  /** Either ops from a caller (grouped with others) or, with {@code job} set, exclusive work. */
  record PendingWrite(List<StorageOp> ops, ExclusiveWork job) {}

  /** What one caller's transaction came to inside the batch; null failure means applied. */
  private record Outcome(Slot<PendingWrite, Long> slot, int rows, RuntimeException failure) {}

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
    batcher =
        new GroupCommit<>(
            "storage-sqlite-writer",
            MAX_BATCH,
            this,
            () -> new StorageException("sqlite storage is closed"));
  }

  /** Queues {@code ops}; the future completes on the caller's context once committed and synced. */
  Future<Void> submit(Vertx vertx, List<StorageOp> ops) {
    return batcher
        .submit(new PendingWrite(List.copyOf(ops), null), vertx.getOrCreateContext())
        .mapEmpty();
  }

  /**
   * Queues {@code work} to run alone in one transaction between group commits: the writes queued
   * before it commit first, those after it wait. Committed (and synced) when the work returns;
   * rolled back entirely when it throws, in which case a {@link RuntimeException} is passed on
   * unchanged and anything else wrapped in a {@link StorageException}.
   */
  Future<Long> exclusive(Vertx vertx, ExclusiveWork work) {
    return batcher.submit(new PendingWrite(List.of(), work), vertx.getOrCreateContext());
  }

  /** Completes {@code checkpointer}'s checkpoints between batches when it asks to. */
  void completeCheckpointsOf(WalCheckpointer checkpointer) {
    this.checkpointer = checkpointer;
  }

  /** Between two batches, no transaction open: finish a checkpoint so the WAL can rewind. */
  @Override
  public void afterWake() {
    WalCheckpointer wal = checkpointer;
    if (wal == null || !wal.takeRestartRequest()) {
      return;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "sqlite WAL checkpoint on the writer failed", e);
    }
  }

  GroupCommitStats stats() {
    return new GroupCommitStats(commits.get(), transactions.get(), rowsWritten.get());
  }

  /** Refuses new writes, commits everything queued before, then closes the connection. */
  void close() {
    batcher.close();
    try {
      batcher.thread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The writer thread, so a test can interrupt it. */
  Thread thread() {
    return batcher.thread();
  }

  @Override
  public void closed() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing the sqlite writer connection failed", e);
    }
  }

  /** Group-commits the ops between exclusive jobs, running each job alone at its place. */
  @Override
  public void commit(List<Slot<PendingWrite, Long>> batch) {
    List<Slot<PendingWrite, Long>> group = new ArrayList<>();
    for (Slot<PendingWrite, Long> slot : batch) {
      if (slot.entry().job() == null) {
        group.add(slot);
        continue;
      }
      if (!group.isEmpty()) {
        commitBatch(group);
        group = new ArrayList<>();
      }
      runExclusive(slot);
    }
    if (!group.isEmpty()) {
      commitBatch(group);
    }
  }

  private void runExclusive(Slot<PendingWrite, Long> slot) {
    long rows;
    try {
      begin.execute();
      rows = slot.entry().job().run(connection, upsert);
      commit.execute();
    } catch (RuntimeException e) {
      rollbackQuietly();
      slot.fail(e);
      return;
    } catch (SQLException | IOException e) {
      rollbackQuietly();
      slot.fail(new StorageException("sqlite exclusive write failed", e));
      return;
    }
    commits.incrementAndGet();
    rowsWritten.addAndGet(rows);
    slot.succeed(rows);
  }

  private void commitBatch(List<Slot<PendingWrite, Long>> batch) {
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    try {
      begin.execute();
      for (Slot<PendingWrite, Long> slot : batch) {
        outcomes.add(applyInSavepoint(slot));
      }
      commit.execute();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      StorageException failure =
          new StorageException("sqlite commit of " + batch.size() + " transactions failed", e);
      for (Slot<PendingWrite, Long> slot : batch) {
        slot.fail(failure);
      }
      return;
    }
    commits.incrementAndGet();
    for (Outcome outcome : outcomes) {
      if (outcome.failure() == null) {
        transactions.incrementAndGet();
        rowsWritten.addAndGet(outcome.rows());
        outcome.slot().succeed(null);
      } else {
        outcome.slot().fail(outcome.failure());
      }
    }
  }

  /** Applies one caller's ops; throws only when the savepoint itself cannot be rolled back. */
  private Outcome applyInSavepoint(Slot<PendingWrite, Long> slot) throws SQLException {
    savepoint.execute();
    String key = null;
    int rows = 0;
    try {
      for (StorageOp op : slot.entry().ops()) {
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
          return new Outcome(slot, 0, new StorageConflictException(key));
        }
      }
      release.execute();
      return new Outcome(slot, rows, null);
    } catch (SQLException e) {
      rollbackToSavepoint.execute();
      release.execute();
      return new Outcome(
          slot, 0, new StorageException("sqlite write failed on key '" + key + "'", e));
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
