package org.keyward.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageOp;
import org.keyward.testing.Futures;

class WalCheckpointerTest {
  private static final int WRITES = 1500;
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path dir;
  private SqliteWriter writer;
  private WalCheckpointer checkpointer;

  /**
   * A writer and a checkpointer on one file; paced by a count that never moves, the checkpointer's
   * own thread stays idle, so only the test checkpoints.
   */
  private void openWriterAndCheckpointer() throws Exception {
    SqliteFile file = new SqliteFile(dir.resolve("k.db"));
    writer = new SqliteWriter(file.openWriter());
    checkpointer = new WalCheckpointer(file.openCheckpointer(), () -> 0);
  }

  @AfterEach
  void tearDown() {
    if (writer != null) {
      writer.close();
      checkpointer.close();
    }
    Futures.await(vertx.close());
  }

  @Test
  void commits_neverCheckpoint_theCheckpointerCopiesTheWholeWalBack() throws Exception {
    openWriterAndCheckpointer();
    writeOneByOne("k/", WRITES);

    WalCheckpointer.Result result = checkpointer.checkpoint();
    // With SQLite's default the commit crossing 1000 pages would have checkpointed and the
    // WAL restarted, leaving fewer frames than commits.
    assertTrue(result.walFrames() >= WRITES, "WAL frames: " + result.walFrames());
    assertFalse(result.busy());
    assertEquals(result.walFrames(), result.checkpointedFrames(), "no reader held it back");
  }

  @Test
  void restartRequest_writerCompletesTheCheckpoint_andTheNextCommitRewindsTheWal()
      throws Exception {
    openWriterAndCheckpointer();
    writer.completeCheckpointsOf(checkpointer);
    writeOneByOne("k/", WRITES);
    checkpointer.checkpoint();
    checkpointer.requestRestart();
    writeOneByOne("a/", 1); // its batch ends with the writer's checkpoint
    writeOneByOne("b/", 1); // the writer runs it after that checkpoint: rewinds

    long frames = checkpointer.checkpoint().walFrames();
    assertTrue(frames < 10, "WAL frames after the rewind: " + frames);
  }

  @Test
  void storage_checkpointsOnItsOwnAfterWrites() {
    SqliteStorage storage = Futures.await(SqliteStorage.open(vertx, dir));
    try {
      List<Future<Void>> writes = new ArrayList<>();
      for (int i = 0; i < WRITES; i++) {
        writes.add(storage.put(new StorageEntry("k/" + i, new byte[] {(byte) i})));
      }
      Futures.await(Future.all(writes));
      // Waits for the checkpointer's thread (it runs within a second of the writes); a bound
      // on the wait only, not on speed.
      for (int i = 0; i < 200 && storage.checkpoints() == 0; i++) {
        sleep(50);
      }
      assertTrue(storage.checkpoints() > 0, "no checkpoint ran");
    } finally {
      storage.close();
    }
  }

  /** Writes {@code count} new keys under {@code prefix}, one commit each. */
  private void writeOneByOne(String prefix, int count) {
    for (int i = 0; i < count; i++) {
      Futures.await(
          writer.submit(
              vertx, List.of(StorageOp.put(new StorageEntry(prefix + i, new byte[] {(byte) i})))));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
