package org.keyward.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageContract;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageOp;

class SqliteStorageIT extends StorageContract {
  @TempDir Path dataDir;

  @Override
  protected Storage openEmpty(Vertx vertx) {
    return await(SqliteStorage.open(vertx, dataDir));
  }

  @Override
  protected Storage reopen(Vertx vertx) {
    return await(SqliteStorage.open(vertx, dataDir));
  }

  @Override
  protected void assertGroupedCommits(int writes) {
    GroupCommitStats stats = ((SqliteStorage) storage).stats();
    assertEquals(writes, stats.transactions());
    assertTrue(
        stats.commits() < writes, "expected grouped commits, got " + stats + " for " + writes);
  }

  @Test
  void open_dataFile_isInWalMode() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite().path());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      assertTrue(rs.next());
      assertEquals("wal", rs.getString(1));
    }
  }

  @Test
  void open_newDirectory_createsFilesReadableByOwnerOnly() throws Exception {
    Path fresh = dataDir.resolve("fresh/data");
    try (SqliteStorage opened = await(SqliteStorage.open(vertx, fresh))) {
      await(opened.put(entry("perm/check", "v")));
      assertEquals("rwx------", permissions(fresh));
      assertEquals("rw-------", permissions(opened.path()));
      assertEquals("rw-------", permissions(Path.of(opened.path() + "-wal")));
    }
  }

  @Test
  void put_valueBytes_appearInFileUnchanged() throws Exception {
    byte[] marker = randomBytes(64);
    await(storage.put(new StorageEntry("raw/marker", marker)));
    Path file = sqlite().path();
    storage.close();

    byte[] onDisk = Files.readAllBytes(file);
    assertTrue(indexOf(onDisk, marker) >= 0, "value bytes not found verbatim in the data file");
  }

  @Test
  void stats_countTransactionsRowsAndConflicts() {
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      writes.add(
          storage.transaction(
              List.of(StorageOp.put(entry("group/" + i, "v")), StorageOp.delete("group/x" + i))));
    }
    writes.add(storage.transaction(List.of(StorageOp.expect("group/none", bytes("v")))));
    await(Future.join(writes).otherwiseEmpty());

    GroupCommitStats stats = sqlite().stats();
    assertEquals(50, stats.transactions(), "a conflicted transaction is not acknowledged");
    assertEquals(100, stats.rowsWritten());
    assertTrue(stats.commits() < 50, "commits " + stats);
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private SqliteStorage sqlite() {
    return (SqliteStorage) storage;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
