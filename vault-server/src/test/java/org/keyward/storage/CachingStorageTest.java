package org.keyward.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read cache over an in-memory store whose reads can be held back, so a read can be made to
 * race a write: it saw the row before the write and answers after it.
 */
class CachingStorageTest {
  private HeldStorage backend;
  private CachingStorage cache;

  @BeforeEach
  void open() {
    backend = new HeldStorage();
    cache = new CachingStorage(backend, 100);
    cache.startServing();
  }

  @Test
  void get_twice_secondIsHitWithoutBackendRead() {
    put(backend.rows, "kv/a", "one");
    assertEquals("one", read("kv/a"));
    assertEquals("one", read("kv/a"));
    assertEquals(1, backend.gets);
    assertEquals(new CachingStorage.Stats(1, 1, 0, 1), cache.stats());
  }

  @Test
  void get_hit_completesAtOnce() {
    put(backend.rows, "kv/a", "one");
    read("kv/a");
    backend.holdReads = true;
    assertTrue(cache.get("kv/a").isComplete());
  }

  @Test
  void get_absentRow_isCachedAsAbsent() {
    assertEquals(null, read("kv/none"));
    assertEquals(null, read("kv/none"));
    assertEquals(1, backend.gets);
  }

  @Test
  void put_dropsCachedRow() {
    put(backend.rows, "kv/a", "one");
    read("kv/a");
    put(cache, "kv/a", "two");
    assertEquals("two", read("kv/a"));
  }

  @Test
  void delete_dropsCachedRow() {
    put(backend.rows, "kv/a", "one");
    read("kv/a");
    assertTrue(cache.delete("kv/a").succeeded());
    assertEquals(null, read("kv/a"));
  }

  @Test
  void transaction_dropsEveryWrittenKey() {
    put(backend.rows, "kv/a", "one");
    put(backend.rows, "kv/b", "one");
    read("kv/a");
    read("kv/b");
    Future<Void> tx =
        cache.transaction(List.of(StorageOp.put(entry("kv/a", "two")), StorageOp.delete("kv/b")));
    assertTrue(tx.succeeded());
    assertEquals("two", read("kv/a"));
    assertEquals(null, read("kv/b"));
  }

  @Test
  void transaction_failingAfterApplying_stillDropsKeys() {
    put(backend.rows, "kv/a", "one");
    read("kv/a");
    // The database applied the write but the acknowledgement failed (a lost commit reply).
    backend.failAfterApplying = true;
    Future<Void> tx = cache.transaction(List.of(StorageOp.put(entry("kv/a", "two"))));
    assertTrue(tx.failed());
    assertEquals("two", read("kv/a"));
  }

  @Test
  void transaction_conflicting_dropsKeysAndLeavesRow() {
    put(backend.rows, "kv/a", "one");
    read("kv/a");
    Future<Void> tx =
        cache.transaction(
            List.of(StorageOp.expect("kv/a", bytes("other")), StorageOp.put(entry("kv/a", "two"))));
    assertInstanceOf(StorageConflictException.class, tx.cause());
    assertEquals("one", read("kv/a"));
    assertEquals(2, backend.gets);
  }

  @Test
  void replaceAll_dropsEveryRow_evenWhenItFails() {
    put(backend.rows, "kv/a", "one");
    read("kv/a");
    backend.rows.putRaw("kv/a", bytes("restored"));
    assertTrue(cache.replaceAll(() -> null).failed()); // the in-memory store cannot restore
    assertEquals("restored", read("kv/a"));
  }

  @Test
  void readRacingWrite_doesNotLeaveOldRow() {
    put(backend.rows, "kv/a", "one");
    backend.holdReads = true;
    Future<Optional<StorageEntry>> racing = cache.get("kv/a"); // reads "one" from the database
    backend.holdReads = false;
    put(cache, "kv/a", "two");
    backend.release(); // ... and answers after the write
    assertEquals("one", text(racing.result()));
    assertEquals("two", read("kv/a"));
  }

  @Test
  void heldRead_withNoWriteMeanwhile_fills() {
    put(backend.rows, "kv/a", "one");
    backend.holdReads = true;
    Future<Optional<StorageEntry>> racing = cache.get("kv/a");
    backend.holdReads = false;
    backend.release();
    assertEquals("one", text(racing.result()));
    read("kv/a");
    assertEquals(1, backend.gets);
  }

  @Test
  void readStartedBeforeStop_doesNotFillAfterRestart() {
    put(backend.rows, "kv/a", "one");
    backend.holdReads = true;
    Future<Optional<StorageEntry>> before = cache.get("kv/a");
    cache.stopServing();
    backend.rows.putRaw("kv/a", bytes("by another node"));
    cache.startServing();
    backend.holdReads = false;
    backend.release();
    assertEquals("one", text(before.result()));
    assertEquals("by another node", read("kv/a"));
  }

  @Test
  void stopServing_emptiesAndReadsThrough() {
    put(backend.rows, "kv/a", "one");
    read("kv/a");
    cache.stopServing();
    assertEquals(0, cache.stats().size());
    backend.rows.putRaw("kv/a", bytes("by another node"));
    assertEquals("by another node", read("kv/a"));
    read("kv/a");
    assertEquals(3, backend.gets);
    assertEquals(0, cache.stats().size());
  }

  @Test
  void notYetServing_readsThrough() {
    CachingStorage cold = new CachingStorage(backend, 100);
    put(backend.rows, "kv/a", "one");
    cold.get("kv/a");
    cold.get("kv/a");
    assertEquals(2, backend.gets);
    assertEquals(new CachingStorage.Stats(0, 0, 0, 0), cold.stats());
  }

  @Test
  void manyRows_stayWithinSizeBound() {
    for (int i = 0; i < 500; i++) {
      put(backend.rows, "kv/" + i, "v" + i);
      read("kv/" + i);
    }
    CachingStorage.Stats s = cache.stats();
    assertTrue(s.size() <= 100, "size " + s.size());
    assertTrue(s.evictions() >= 400, "evictions " + s.evictions());
  }

  @Test
  void largeRow_countsOncePerBlock() {
    CachingStorage small = new CachingStorage(backend, 4);
    small.startServing();
    backend.rows.putRaw("kv/big", new byte[3 * CachingStorage.WEIGHT_BLOCK + 1]);
    small.get("kv/big");
    put(backend.rows, "kv/a", "one");
    small.get("kv/a");
    // 4 blocks plus 1 exceed the bound of 4: something had to go.
    assertEquals(1, small.stats().evictions());
  }

  @Test
  void invalidKey_failsLikeTheBackend() {
    assertInstanceOf(IllegalArgumentException.class, cache.get("../x").cause());
  }

  private String read(String key) {
    Future<Optional<StorageEntry>> f = cache.get(key);
    assertTrue(f.succeeded(), String.valueOf(f.cause()));
    return text(f.result());
  }

  private static String text(Optional<StorageEntry> row) {
    return row.map(e -> new String(e.value(), StandardCharsets.UTF_8)).orElse(null);
  }

  private static void put(Storage storage, String key, String value) {
    assertTrue(storage.put(entry(key, value)).succeeded());
  }

  private static void put(InMemoryStorage storage, String key, String value) {
    storage.putRaw(key, bytes(value));
  }

  private static StorageEntry entry(String key, String value) {
    return new StorageEntry(key, bytes(value));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** An in-memory store that counts reads and can hold their answers back. */
  private static final class HeldStorage implements Storage {
    final InMemoryStorage rows = new InMemoryStorage();
    final List<Runnable> held = new ArrayList<>();
    boolean holdReads;
    boolean failAfterApplying;
    int gets;

    void release() {
      held.forEach(Runnable::run);
      held.clear();
    }

    @Override
    public Future<Optional<StorageEntry>> get(String key) {
      if (!StorageKeys.isValid(key)) {
        return Future.failedFuture(new IllegalArgumentException("invalid storage key"));
      }
      gets++;
      Future<Optional<StorageEntry>> now = rows.get(key);
      if (!holdReads) {
        return now;
      }
      Promise<Optional<StorageEntry>> later = Promise.promise();
      held.add(() -> later.complete(now.result()));
      return later.future();
    }

    @Override
    public Future<Void> put(StorageEntry entry) {
      return transaction(List.of(StorageOp.put(entry)));
    }

    @Override
    public Future<Void> delete(String key) {
      return transaction(List.of(StorageOp.delete(key)));
    }

    @Override
    public Future<List<String>> list(String prefix) {
      return rows.list(prefix);
    }

    @Override
    public Future<List<String>> scan(String prefix, String afterKey, int limit) {
      return rows.scan(prefix, afterKey, limit);
    }

    @Override
    public Future<Void> transaction(List<StorageOp> ops) {
      Future<Void> done = rows.transaction(ops);
      return failAfterApplying && done.succeeded()
          ? Future.failedFuture(new StorageException("commit reply lost"))
          : done;
    }

    @Override
    public String type() {
      return "held";
    }

    @Override
    public void close() {}
  }
}
