package org.keyward.storage.sqlite;

import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.storage.CachingStorage;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageContract;

/** The read cache keeps every promise of the storage contract, over a real SQLite file. */
class CachingSqliteStorageIT extends StorageContract {
  @TempDir Path dataDir;

  @Override
  protected Storage openEmpty(Vertx vertx) {
    return serving(await(SqliteStorage.open(vertx, dataDir)));
  }

  @Override
  protected Storage reopen(Vertx vertx) {
    return serving(await(SqliteStorage.open(vertx, dataDir)));
  }

  private static Storage serving(Storage sqlite) {
    CachingStorage cache = new CachingStorage(sqlite, 1000);
    cache.startServing();
    return cache;
  }
}
