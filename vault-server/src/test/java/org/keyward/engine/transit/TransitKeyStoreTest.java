package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keyward.engine.AeadKeyCustody;
import org.keyward.testing.TestClock;
import org.keyward.view.CountingStorageView;
import org.keyward.view.InMemoryStorageView;

class TransitKeyStoreTest {
  private final Vertx vertx = Vertx.vertx();
  private final InMemoryStorageView memory = new InMemoryStorageView();
  private final CountingStorageView view = new CountingStorageView(memory);
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final KeyName name = new KeyName("orders");

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private TransitKeyStore store(long rotateAfter) {
    return new TransitKeyStore(
        view, vertx, clock, rotateAfter, AeadKeyCustody.NONE, new HsmKeyIds("uuid-test"));
  }

  private LoadedKey create(TransitKeyStore store, long autoRotateSeconds) {
    return await(
        store.create(
            name,
            KeyType.AES256_GCM96,
            first ->
                TransitKey.create(
                    name.value(),
                    KeyType.AES256_GCM96,
                    false,
                    false,
                    false,
                    false,
                    autoRotateSeconds,
                    first)));
  }

  @Test
  void find_afterFirstLoad_servesFromCacheWithoutStorageReads() {
    create(store(100), 0);
    TransitKeyStore fresh = store(100);
    int before = view.reads.get();
    LoadedKey first = await(fresh.find(name)).orElseThrow();
    LoadedKey second = await(fresh.find(name)).orElseThrow();
    assertSame(first, second);
    assertEquals(before + 1, view.reads.get());
  }

  @Test
  void rotate_replacesCachedKeyAndOldCiphertextStillOpens() {
    TransitKeyStore store = store(100);
    LoadedKey v1 = create(store, 0);
    VaultCiphertext ct = TransitCipher.encrypt(v1, new byte[] {1, 2}, null, null, 0);
    await(store.rotate(name));
    LoadedKey now = await(store.find(name)).orElseThrow();
    assertEquals(2, now.key().latestVersion());
    assertEquals(2, TransitCipher.encrypt(now, new byte[] {3}, null, null, 0).version());
    assertEquals(2, TransitCipher.decrypt(now, ct, null, null).length);
  }

  @Test
  void update_withConcurrentWrite_retriesOnConflictAndKeepsBothChanges() {
    TransitKeyStore a = store(100);
    TransitKeyStore b = store(100);
    create(a, 0);
    view.beforeNextTransaction(() -> await(b.rotate(name)));
    LoadedKey result = await(a.rotate(name));
    assertEquals(3, result.key().latestVersion());
    assertEquals(3, await(store(100).find(name)).orElseThrow().key().versions().size());
  }

  @Test
  void countEncryption_pastLimit_rotatesOnce() {
    TransitKeyStore store = store(3);
    LoadedKey key = create(store, 0);
    for (int i = 0; i < 5; i++) {
      store.countEncryption(key, 1);
    }
    assertEquals(2, await(store.find(name)).orElseThrow().key().latestVersion());
  }

  @Test
  void persistCounts_survivesANewStore() {
    TransitKeyStore store = store(1000);
    LoadedKey key = create(store, 0);
    for (int i = 0; i < 7; i++) {
      store.countEncryption(key, 1);
    }
    await(store.persistCounts());
    assertEquals(Map.of(1, 7L), await(store(1000).find(name)).orElseThrow().key().encryptions());
  }

  @Test
  void autoRotation_afterPeriod_rotatesDueKeysOnly() {
    TransitKeyStore store = store(1000);
    create(store, 3600);
    AutoRotation rotation = new AutoRotation(store, clock);
    await(rotation.runOnce());
    assertEquals(1, await(store.find(name)).orElseThrow().key().latestVersion());
    clock.advance(Duration.ofSeconds(3600));
    await(rotation.runOnce());
    await(rotation.runOnce());
    LoadedKey now = await(store.find(name)).orElseThrow();
    assertEquals(2, now.key().latestVersion());
    assertTrue(now.key().version(2).creationTime() > now.key().version(1).creationTime());
  }
}
