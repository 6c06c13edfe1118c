package org.keyward.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageException;
import org.keyward.storage.StorageOp;
import org.keyward.testing.Futures;

class SqliteWriterTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() {
    Futures.await(vertx.close());
  }

  @Test
  void submit_afterTheWriterThreadWasInterrupted_failsInsteadOfWaitingForever(@TempDir Path dir)
      throws Exception {
    SqliteWriter writer = new SqliteWriter(new SqliteFile(dir.resolve("k.db")).openWriter());
    Futures.await(
        writer.submit(vertx, List.of(StorageOp.put(new StorageEntry("a", new byte[] {1})))));

    writer.thread().interrupt();
    writer.thread().join(10_000);
    assertFalse(writer.thread().isAlive());

    Future<Void> late =
        writer.submit(vertx, List.of(StorageOp.put(new StorageEntry("b", new byte[] {2}))));
    assertTrue(late.failed(), "a write queued to a dead writer thread would never complete");
    assertInstanceOf(StorageException.class, late.cause());
    writer.close();
  }
}
