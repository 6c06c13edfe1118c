package org.keyward.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.keyward.storage.StorageConflictException;
import org.keyward.storage.StorageFencedException;
import org.keyward.storage.StorageOp;

/**
 * Applies one caller's ops in one SERIALIZABLE transaction, retried on a serialization failure
 * (SQLSTATE 40001) or deadlock (40P01). Predicate locks make an expectation hold against concurrent
 * writers on any node, including "must be absent", where a row lock would have no row to lock: the
 * database aborts one side of the race, whose retry re-reads and reports a conflict. Runs of puts
 * or deletes are sent as one JDBC batch (one round trip); an expect first flushes what precedes it,
 * so it sees the transaction's earlier ops.
 */
final class PostgresTransaction {
  private static final int MAX_ATTEMPTS = 10;
  private static final String SERIALIZABLE = "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE";
  // A paused process holding the fence's share lock must not block a takeover for long: the
  // database ends a session idle inside such a transaction after this.
  private static final String SERIALIZABLE_FENCED =
      SERIALIZABLE + "; SET LOCAL idle_in_transaction_session_timeout = '2s'";

  private final String upsertSql;
  private final String deleteSql;
  private final String selectSql;

  PostgresTransaction(String table) {
    upsertSql =
        "INSERT INTO "
            + table
            + " (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value";
    deleteSql = "DELETE FROM " + table + " WHERE key = ?";
    selectSql = "SELECT value FROM " + table + " WHERE key = ?";
  }

  /**
   * Commits {@code ops} or throws; the connection is rolled back on every failure. With a {@code
   * fence} (HA), the leadership check is the transaction's first statement.
   */
  Void apply(Connection c, List<StorageOp> ops, LeaderFence fence) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        try (Statement s = c.createStatement()) {
          s.execute(fence == null ? SERIALIZABLE : SERIALIZABLE_FENCED);
        }
        if (fence != null) {
          fence.check(c);
        }
        applyOnce(c, ops);
        c.commit();
        return null;
      } catch (SQLException e) {
        c.rollback();
        if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
          throw e;
        }
        backOff(attempt);
      } catch (StorageConflictException | StorageFencedException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The row's value, read in the connection's current transaction. */
  Optional<byte[]> select(Connection c, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(selectSql)) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  private void applyOnce(Connection c, List<StorageOp> ops) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(upsertSql);
        PreparedStatement delete = c.prepareStatement(deleteSql)) {
      PreparedStatement pending = null;
      for (StorageOp op : ops) {
        PreparedStatement target =
            op instanceof StorageOp.Put ? upsert : op instanceof StorageOp.Delete ? delete : null;
        if (pending != null && pending != target) {
          pending.executeBatch();
          pending = null;
        }
        if (op instanceof StorageOp.Put put) {
          upsert.setString(1, put.key());
          upsert.setBytes(2, put.entry().value());
          upsert.addBatch();
          pending = upsert;
        } else if (op instanceof StorageOp.Delete) {
          delete.setString(1, op.key());
          delete.addBatch();
          pending = delete;
        } else if (op instanceof StorageOp.Expect expect) {
          byte[] current = select(c, expect.key()).orElse(null);
          if (!Arrays.equals(current, expect.value())) {
            throw new StorageConflictException(expect.key());
          }
        }
      }
      if (pending != null) {
        pending.executeBatch();
      }
    }
  }

  /** A batch failure carries the statement's own error as a chained "next" exception. */
  private static boolean isRetryable(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if ("40001".equals(x.getSQLState()) || "40P01".equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Random, growing pause so transactions that collided do not collide again in lock step. */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L + Math.min(50, 1L << attempt)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
