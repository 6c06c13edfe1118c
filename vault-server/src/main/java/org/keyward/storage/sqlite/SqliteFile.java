package org.keyward.storage.sqlite;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens connections to the one SQLite data file with the settings every connection needs. */
final class SqliteFile {
  static final String FILE_NAME = "keyward.db";
  static final String TABLE = "keyward_entries";

  /** How long a connection waits for a lock held by another connection before SQLITE_BUSY. */
  private static final int BUSY_TIMEOUT_MS = 10_000;

  private final Path file;

  SqliteFile(Path file) {
    this.file = file.toAbsolutePath();
  }

  Path path() {
    return file;
  }

  /**
   * Creates the directory (0700) and an empty data file (0600) when missing, on POSIX file systems.
   * Values are ciphertext, but keys name every mount and secret path, so the file stays private;
   * SQLite gives its -wal and -shm files the data file's mode.
   */
  void createPrivately() throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    if (posix && !Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
  }

  /**
   * The single writer connection; creates the schema on first open. WAL lets readers run while the
   * writer commits. synchronous=FULL makes SQLite fsync the WAL at every commit: with the default
   * NORMAL in WAL mode a commit is only synced at the next checkpoint, so a write we acknowledged
   * could vanish in a power cut or kernel crash (it would survive only a process crash). Group
   * commit in {@link SqliteWriter} pays that fsync once per batch, not once per write. The writer
   * never checkpoints: {@link WalCheckpointer} does, beside it.
   */
  Connection openWriter() throws SQLException {
    SQLiteConfig config = base();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_autocheckpoint = 0");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL) WITHOUT ROWID");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** A reader connection; query_only guards against a write slipping past the writer thread. */
  Connection openReader() throws SQLException {
    Connection connection = base().createConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = true");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /**
   * The {@link WalCheckpointer}'s connection (a checkpoint writes the data file, so not
   * query-only).
   */
  Connection openCheckpointer() throws SQLException {
    return base().createConnection("jdbc:sqlite:" + file);
  }

  private static SQLiteConfig base() {
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return config;
  }
}
