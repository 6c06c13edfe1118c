package org.keyward.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.storage.StorageException;
import org.keyward.storage.WorkerCall;

/**
 * A fixed set of PostgreSQL connections, each used by one call at a time on one of as many named
 * worker threads ({@code storage-postgres-N}). Connections open lazily and are replaced after a
 * connection-level failure, so the store recovers when the database comes back. Every call runs in
 * its own transaction (autocommit off) and leaves the connection rolled back if it failed.
 */
final class PostgresPool {
  private static final System.Logger LOG = System.getLogger(PostgresPool.class.getName());
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private final PostgresOptions options;
  private final BlockingQueue<Slot> slots;
  private final List<Slot> all = new ArrayList<>();
  private final ExecutorService threads;

  /** Work on a borrowed connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** A connection place that may be empty until first use or after a failure. */
  private final class Slot {
    private Connection connection;

    Connection connection() throws SQLException {
      if (connection == null || connection.isClosed()) {
        connection = connect(options);
      }
      return connection;
    }

    /** Rolls back, or drops the connection when it broke (SQLSTATE class 08) or won't roll back. */
    void afterFailure(String sqlState) {
      if (connection == null) {
        return;
      }
      try {
        boolean broken = sqlState != null && sqlState.startsWith("08");
        if (broken || connection.isClosed()) {
          discard();
        } else {
          connection.rollback();
        }
      } catch (SQLException rollbackFailed) {
        discard();
      }
    }

    void discard() {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          LOG.log(Level.DEBUG, "closing a broken PostgreSQL connection failed", e);
        }
        connection = null;
      }
    }
  }

  PostgresPool(PostgresOptions options) {
    this.options = options;
    this.slots = new ArrayBlockingQueue<>(options.poolSize());
    for (int i = 0; i < options.poolSize(); i++) {
      Slot slot = new Slot();
      all.add(slot);
      slots.add(slot);
    }
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            options.poolSize(),
            r -> {
              Thread t = new Thread(r, "storage-postgres-" + n.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code work} on a worker; an {@link SQLException} becomes a {@link StorageException}
   * naming {@code operation} and {@code key} (never SQL or values). Completes on the caller's
   * context.
   */
  <T> Future<T> call(Vertx vertx, String operation, String key, SqlWork<T> work) {
    return WorkerCall.submit(
        vertx,
        threads,
        () -> {
          // As many threads as slots: a worker always finds one free.
          Slot slot = slots.remove();
          try {
            return work.run(slot.connection());
          } catch (SQLException e) {
            slot.afterFailure(e.getSQLState());
            throw new StorageException("postgres " + operation + " failed for '" + key + "'", e);
          } catch (RuntimeException e) {
            slot.afterFailure(null);
            throw e;
          } finally {
            slots.add(slot);
          }
        });
  }

  /** Waits for running calls, then closes every connection. Blocks; not for an event loop. */
  void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "PostgreSQL calls still running after 30 s; closing anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.forEach(Slot::discard);
  }

  /** A new connection as Keyward opens them all: its name, a connect timeout, no auto-commit. */
  static Connection connect(PostgresOptions options) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", options.user());
    options.password().read().ifPresent(p -> props.setProperty("password", p));
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "keyward");
    Connection connection = DriverManager.getConnection(options.jdbcUrl(), props);
    connection.setAutoCommit(false);
    return connection;
  }
}
