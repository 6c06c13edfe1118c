package org.keyward.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.keyward.storage.ChildKeys;
import org.keyward.storage.RowSource;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageException;
import org.keyward.storage.StorageOp;
import org.keyward.storage.StoredRows;
import org.keyward.storage.ValidatedCall;

/**
 * {@link Storage} in PostgreSQL table {@code keyward_entries}, for several Keyward nodes sharing
 * one database. Keys use the "C" collation so they sort by code point, as in SQLite, whatever the
 * database's locale.
 *
 * <p>Transactions run at SERIALIZABLE isolation with retries ({@link PostgresTransaction}), so an
 * {@link StorageOp#expect} holds against writers on every node. Each caller keeps its own
 * transaction rather than being grouped with others: PostgreSQL already merges the WAL flushes of
 * commits arriving together from the pool's connections, and a shared transaction would let one
 * caller's serialization failure abort the rest.
 */
public final class PostgresStorage implements Storage {
  private static final int INSERT_BATCH = 500;

  private final Vertx vertx;
  private final PostgresOptions options;
  private final PostgresPool pool;
  private final String table;
  private final PostgresTransaction writes;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile LeaderFence fence;

  private PostgresStorage(Vertx vertx, PostgresOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.pool = new PostgresPool(options);
    this.table = options.table();
    this.writes = new PostgresTransaction(table);
  }

  /**
   * Connects and creates the schema and table if missing. Fails with {@link StorageException} when
   * the database cannot be reached or the password cannot be read.
   */
  public static Future<PostgresStorage> open(Vertx vertx, PostgresOptions options) {
    PostgresStorage storage = new PostgresStorage(vertx, options);
    return storage
        .pool
        .call(vertx, "create schema", options.schema(), storage::createSchema)
        .map(v -> storage)
        .onFailure(e -> vertx.executeBlocking(() -> closeAndReturn(storage), false));
  }

  @Override
  public Future<Optional<StorageEntry>> get(String key) {
    return ValidatedCall.ifValidKey(
        key,
        () ->
            call(
                "get",
                key,
                c -> {
                  Optional<byte[]> value = writes.select(c, key);
                  c.commit();
                  return value.map(v -> new StorageEntry(key, v));
                }));
  }

  @Override
  public Future<Void> put(StorageEntry entry) {
    return transaction(List.of(StorageOp.put(entry)));
  }

  @Override
  public Future<Void> delete(String key) {
    return ValidatedCall.ifValidKey(key, () -> transaction(List.of(StorageOp.delete(key))));
  }

  @Override
  public Future<List<String>> list(String prefix) {
    return ValidatedCall.ifValidPrefix(
        prefix, () -> call("list", prefix, c -> children(c, prefix)));
  }

  @Override
  public Future<List<String>> scan(String prefix, String afterKey, int limit) {
    return ValidatedCall.ifValidScan(
        prefix, limit, () -> call("scan", prefix, c -> scanPage(c, prefix, afterKey, limit)));
  }

  @Override
  public Future<Void> transaction(List<StorageOp> ops) {
    return ValidatedCall.ifValidOps(
        ops, valid -> call("transaction", valid.get(0).key(), c -> writes.apply(c, valid, fence)));
  }

  /**
   * From now on every write runs the fencing check of {@code lease} in its own transaction and is
   * refused with {@link org.keyward.storage.StorageFencedException} unless this node holds the
   * leadership. Call once, before the first write, when HA is on.
   */
  public void fenceWith(PostgresLeaderLease lease) {
    this.fence = lease.fence();
  }

  /** One pool connection in a REPEATABLE READ, READ ONLY transaction for the whole read. */
  @Override
  public <T> Future<T> readConsistent(StoredRows.Work<T> work) {
    return call(
            "consistent read",
            "",
            c -> {
              execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
              try {
                T result = work.run(new PostgresRows(c, table));
                c.commit();
                return result;
              } catch (IOException e) {
                c.rollback();
                throw new UncheckedIOException(e);
              }
            })
        .recover(PostgresStorage::unwrapIo);
  }

  /**
   * One transaction: an exclusive lock on the table (other nodes' writes wait, their reads go on),
   * DELETE, batched INSERTs, COMMIT. Rolled back on any failure of the source or the database.
   */
  @Override
  public Future<Long> replaceAll(RowSource source) {
    return call(
            "replace all",
            "",
            c -> {
              try {
                execute(c, "LOCK TABLE " + table + " IN EXCLUSIVE MODE");
                execute(c, "DELETE FROM " + table);
                long rows = insertAll(c, source);
                c.commit();
                return rows;
              } catch (IOException e) {
                c.rollback();
                throw new UncheckedIOException(e);
              } catch (RuntimeException e) {
                c.rollback();
                throw e;
              }
            })
        .recover(PostgresStorage::unwrapIo);
  }

  private long insertAll(Connection c, RowSource source) throws SQLException, IOException {
    long rows = 0;
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO " + table + " (key, value) VALUES (?, ?)")) {
      for (StorageEntry e = source.next(); e != null; e = source.next()) {
        insert.setString(1, e.key());
        insert.setBytes(2, e.value());
        insert.addBatch();
        if (++rows % INSERT_BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    return rows;
  }

  private static <T> Future<T> unwrapIo(Throwable e) {
    return Future.failedFuture(
        e instanceof UncheckedIOException io
            ? new StorageException(
                "postgres snapshot I/O failed: " + io.getCause().getMessage(), io)
            : e);
  }

  @Override
  public String type() {
    return "postgres";
  }

  /** Waits for running calls, then closes the connections. Blocks; not for an event loop. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      pool.close();
    }
  }

  @Override
  public String toString() {
    return "PostgresStorage[" + options.jdbcUrl() + ", schema " + options.schema() + "]";
  }

  private <T> Future<T> call(String operation, String key, PostgresPool.SqlWork<T> work) {
    if (closed.get()) {
      return Future.failedFuture(new StorageException("postgres storage is closed"));
    }
    return pool.call(vertx, operation, key, work);
  }

  private Void createSchema(Connection c) throws SQLException {
    // Nodes starting together would race on CREATE ... IF NOT EXISTS; one lock orders them.
    execute(c, "SELECT pg_advisory_xact_lock(hashtext('keyward schema " + options.schema() + "'))");
    execute(c, "CREATE SCHEMA IF NOT EXISTS \"" + options.schema() + "\"");
    execute(
        c,
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (key TEXT COLLATE \"C\" PRIMARY KEY, value BYTEA NOT NULL)");
    c.commit();
    return null;
  }

  private List<String> children(Connection c, String prefix) throws SQLException {
    // One snapshot for every seek of the walk.
    execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    List<String> children =
        ChildKeys.list(prefix, (bound, inclusive, limit) -> keys(c, bound, inclusive, limit));
    c.commit();
    return children;
  }

  private List<String> scanPage(Connection c, String prefix, String afterKey, int limit)
      throws SQLException {
    List<String> keys;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT key FROM " + table + " WHERE key >= ? AND key > ? ORDER BY key LIMIT ?")) {
      s.setString(1, prefix);
      s.setString(2, afterKey == null ? "" : afterKey);
      s.setInt(3, limit);
      keys = column(s);
    }
    c.commit();
    return ChildKeys.scanPage(prefix, keys);
  }

  private List<String> keys(Connection c, String bound, boolean inclusive, int limit)
      throws SQLException {
    String op = inclusive ? ">=" : ">";
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT key FROM " + table + " WHERE key " + op + " ? ORDER BY key LIMIT ?")) {
      s.setString(1, bound);
      s.setInt(2, limit);
      return column(s);
    }
  }

  private static List<String> column(PreparedStatement s) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Void closeAndReturn(PostgresStorage storage) {
    storage.close();
    return null;
  }
}
