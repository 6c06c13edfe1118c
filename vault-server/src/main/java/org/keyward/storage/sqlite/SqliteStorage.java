package org.keyward.storage.sqlite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.storage.ChildKeys;
import org.keyward.storage.RowSource;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageException;
import org.keyward.storage.StorageOp;
import org.keyward.storage.StoredRows;
import org.keyward.storage.ValidatedCall;
import org.keyward.storage.WorkerCall;

/**
 * {@link Storage} in one SQLite file ({@value SqliteFile#FILE_NAME} in the data directory), for a
 * single Keyward node. Reads run on a small pool of reader threads, each call borrowing one reader
 * connection; all writes go through one writer thread that group-commits them ({@link
 * SqliteWriter}). A write's future completes, on the caller's context, only after its commit was
 * synced to disk.
 */
public final class SqliteStorage implements Storage {
  private static final System.Logger LOG = System.getLogger(SqliteStorage.class.getName());
  private static final int READERS = 4;

  private final Vertx vertx;
  private final SqliteFile file;
  private final SqliteWriter writer;
  private final WalCheckpointer checkpointer;
  private final BlockingQueue<Connection> readers;
  private final ExecutorService readerThreads;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteStorage(
      Vertx vertx,
      SqliteFile file,
      SqliteWriter writer,
      WalCheckpointer checkpointer,
      BlockingQueue<Connection> readers) {
    this.vertx = vertx;
    this.file = file;
    this.writer = writer;
    this.checkpointer = checkpointer;
    this.readers = readers;
    AtomicInteger n = new AtomicInteger();
    this.readerThreads =
        Executors.newFixedThreadPool(
            readers.size(),
            r -> {
              Thread t = new Thread(r, "storage-sqlite-reader-" + n.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens (creating on first use) the data file under {@code dataDir} on a worker thread. Fails
   * with {@link StorageException} when the directory or file cannot be opened.
   */
  public static Future<SqliteStorage> open(Vertx vertx, Path dataDir) {
    return openFile(vertx, dataDir.resolve(SqliteFile.FILE_NAME));
  }

  /** Opens (creating on first use) the data file {@code file}, as {@link #open} does. */
  public static Future<SqliteStorage> openFile(Vertx vertx, Path file) {
    return vertx.executeBlocking(() -> openBlocking(vertx, file), false);
  }

  private static SqliteStorage openBlocking(Vertx vertx, Path path) {
    SqliteFile file = new SqliteFile(path);
    List<Connection> opened = new ArrayList<>();
    try {
      file.createPrivately();
      // The writer first: it switches the file to WAL and creates the table the readers expect.
      Connection writerConnection = file.openWriter();
      opened.add(writerConnection);
      BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
      for (int i = 0; i < READERS; i++) {
        Connection reader = file.openReader();
        opened.add(reader);
        readers.add(reader);
      }
      Connection checkpointConnection = file.openCheckpointer();
      opened.add(checkpointConnection);
      SqliteWriter writer = new SqliteWriter(writerConnection);
      WalCheckpointer checkpointer =
          new WalCheckpointer(checkpointConnection, () -> writer.stats().rowsWritten());
      writer.completeCheckpointsOf(checkpointer);
      return new SqliteStorage(vertx, file, writer, checkpointer, readers);
    } catch (SQLException | IOException e) {
      opened.forEach(SqliteStorage::closeQuietly);
      throw new StorageException("opening sqlite storage '" + path + "' failed", e);
    }
  }

  /** The data file, for backups and tests. */
  public Path path() {
    return file.path();
  }

  /** WAL checkpoints run since open (by {@link WalCheckpointer}, never by a commit). */
  public long checkpoints() {
    return checkpointer.checkpoints();
  }

  /** Cheap counters of the writer: commits, transactions and rows; for grouping checks. */
  public GroupCommitStats stats() {
    return writer.stats();
  }

  @Override
  public Future<Optional<StorageEntry>> get(String key) {
    return ValidatedCall.ifValidKey(key, () -> read("get", key, c -> select(c, key)));
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
        prefix, () -> read("list", prefix, c -> children(c, prefix)));
  }

  @Override
  public Future<List<String>> scan(String prefix, String afterKey, int limit) {
    return ValidatedCall.ifValidScan(
        prefix, limit, () -> read("scan", prefix, c -> scanPage(c, prefix, afterKey, limit)));
  }

  @Override
  public Future<Void> transaction(List<StorageOp> ops) {
    return ValidatedCall.ifValidOps(
        ops,
        valid ->
            closed.get()
                ? Future.failedFuture(new StorageException("sqlite storage is closed"))
                : writer.submit(vertx, valid));
  }

  /**
   * Reads on a connection of its own, inside one read transaction: in WAL mode it keeps seeing the
   * file as of its first read while the writer goes on committing, and the usual readers stay free.
   */
  @Override
  public <T> Future<T> readConsistent(StoredRows.Work<T> work) {
    if (closed.get()) {
      return Future.failedFuture(new StorageException("sqlite storage is closed"));
    }
    return vertx.executeBlocking(() -> readConsistentBlocking(work), false);
  }

  private <T> T readConsistentBlocking(StoredRows.Work<T> work) {
    try (Connection c = file.openReader();
        Statement tx = c.createStatement()) {
      tx.execute("BEGIN");
      try {
        return work.run(new SqliteRows(c));
      } finally {
        tx.execute("COMMIT");
      }
    } catch (SQLException e) {
      throw new StorageException("sqlite consistent read failed", e);
    } catch (IOException e) {
      throw new StorageException("sqlite consistent read stopped: " + e.getMessage(), e);
    }
  }

  /** Runs on the writer thread between group commits: DELETE all, INSERT each, one commit. */
  @Override
  public Future<Long> replaceAll(RowSource source) {
    if (closed.get()) {
      return Future.failedFuture(new StorageException("sqlite storage is closed"));
    }
    return writer.exclusive(
        vertx,
        (c, upsert) -> {
          try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + SqliteFile.TABLE);
          }
          long rows = 0;
          for (StorageEntry e = source.next(); e != null; e = source.next()) {
            upsert.setString(1, e.key());
            upsert.setBytes(2, e.value());
            upsert.executeUpdate();
            rows++;
          }
          return rows;
        });
  }

  @Override
  public String type() {
    return "sqlite";
  }

  /**
   * Commits every write already queued, then closes all connections; later calls fail with {@link
   * StorageException}. Blocks until done, so call it from a worker or at shutdown, never on an
   * event loop.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    writer.close();
    checkpointer.close();
    readerThreads.shutdown();
    try {
      if (!readerThreads.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "sqlite readers still busy after 30 s; closing their connections");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readers.forEach(SqliteStorage::closeQuietly);
  }

  @Override
  public String toString() {
    return "SqliteStorage[" + file.path() + "]";
  }

  @FunctionalInterface
  private interface ReaderWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> Future<T> read(String operation, String key, ReaderWork<T> work) {
    if (closed.get()) {
      return Future.failedFuture(new StorageException("sqlite storage is closed"));
    }
    return WorkerCall.submit(
        vertx,
        readerThreads,
        () -> {
          // As many threads as connections: a reader thread always finds one free.
          Connection connection = readers.remove();
          try {
            return work.run(connection);
          } catch (SQLException e) {
            throw new StorageException("sqlite " + operation + " failed for '" + key + "'", e);
          } finally {
            readers.add(connection);
          }
        });
  }

  private static Optional<StorageEntry> select(Connection c, String key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT value FROM " + SqliteFile.TABLE + " WHERE key = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new StorageEntry(key, rs.getBytes(1))) : Optional.empty();
      }
    }
  }

  private static List<String> children(Connection c, String prefix) throws SQLException {
    // One read transaction, so every seek of the walk sees the same snapshot.
    try (Statement tx = c.createStatement()) {
      tx.execute("BEGIN");
      try {
        return ChildKeys.list(
            prefix, (bound, inclusive, limit) -> keys(c, bound, inclusive, limit));
      } finally {
        tx.execute("COMMIT");
      }
    }
  }

  private static List<String> scanPage(Connection c, String prefix, String afterKey, int limit)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT key FROM "
                + SqliteFile.TABLE
                + " WHERE key >= ? AND key > ? ORDER BY key LIMIT ?")) {
      s.setString(1, prefix);
      s.setString(2, afterKey == null ? "" : afterKey);
      s.setInt(3, limit);
      return ChildKeys.scanPage(prefix, column(s));
    }
  }

  private static List<String> keys(Connection c, String bound, boolean inclusive, int limit)
      throws SQLException {
    String op = inclusive ? ">=" : ">";
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT key FROM "
                + SqliteFile.TABLE
                + " WHERE key "
                + op
                + " ? ORDER BY key LIMIT ?")) {
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

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing a sqlite connection failed", e);
    }
  }
}
