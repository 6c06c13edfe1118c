package org.keyward.barrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.barrier.TestVault.publicError;
import static org.keyward.barrier.TestVault.utf8;
import static org.keyward.testing.Futures.await;
import static org.keyward.testing.Futures.failure;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;
import org.keyward.storage.InMemoryStorage;
import org.keyward.view.StorageView;

class VaultSealTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void start_onEmptyStorage_isUninitializedAndSealed() {
    try (TestVault v =
        new TestVault(
            vertx, new InMemoryStorage(), new InsecureTinkKeyProvider(), BarrierLimits.DEFAULT)) {
      await(v.seal.start());

      assertFalse(v.seal.isInitialized());
      assertTrue(v.seal.isSealed());
      assertEquals(400, publicError(failure(v.seal.unseal())).status());
    }
  }

  @Test
  void initialize_writesWrappedKeyringAndUnseals() {
    try (TestVault v = TestVault.initialized(vertx)) {
      assertTrue(v.seal.isInitialized());
      assertFalse(v.seal.isSealed());
      assertNotNull(v.storage.raw("core/keyring"));
      assertNotNull(v.storage.raw("core/recovery-keyring"));
      assertEquals(List.of(1), await(v.admin.kekStatus()).versions());
    }
  }

  @Test
  void initialize_twice_fails400AndChangesNothing() {
    try (TestVault v = TestVault.initialized(vertx)) {
      byte[] row = v.storage.raw("core/keyring");

      ApiError e = publicError(failure(v.seal.initialize()));

      assertEquals(400, e.status());
      assertEquals(List.of("Vault is already initialized"), e.messages());
      assertArrayEquals(row, v.storage.raw("core/keyring"));
    }
  }

  @Test
  void resealAround_restoringOlderCounters_keepsTheHigherCount() {
    try (TestVault v = TestVault.initialized(vertx)) {
      StorageView view = v.barrier.view("logical/m/");
      await(view.put("a", utf8("secret")));
      await(v.seal.seal());
      byte[] olderCounters = v.storage.raw("core/counters");
      await(v.seal.unseal());
      for (int i = 0; i < 50; i++) {
        await(view.put("b" + i, utf8("more")));
      }
      long before = v.admin.keyStatus().encryptions();

      await(
          v.seal.resealAround(
              () ->
                  v.storage.put(
                      new org.keyward.storage.StorageEntry("core/counters", olderCounters))));

      assertFalse(v.seal.isSealed());
      assertTrue(v.admin.keyStatus().encryptions() >= before, "counts never go back");
      assertEquals(
          "secret",
          new String(await(view.get("a")).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void seal_thenUnseal_readsEntriesAgain() {
    try (TestVault v = TestVault.initialized(vertx)) {
      StorageView view = v.barrier.view("logical/m/");
      await(view.put("a", utf8("secret")));

      await(v.seal.seal());
      assertTrue(v.seal.isSealed());
      await(v.seal.unseal());

      assertArrayEquals(utf8("secret"), await(view.get("a")).orElseThrow());
    }
  }

  @Test
  void start_withTokenUnplugged_staysSealedThenUnsealsInBackground() throws Exception {
    TestVault first = TestVault.initialized(vertx);
    await(first.barrier.view("logical/m/").put("a", utf8("secret")));
    await(first.seal.stop());
    first.close();
    first.provider.unplug();

    TestVault v = first.restart(vertx);
    assertTrue(v.seal.isInitialized());
    assertTrue(v.seal.isSealed());
    assertEquals(503, publicError(failure(v.barrier.view("logical/m/").get("a"))).status());

    v.provider.plugIn();
    v.awaitUnsealed();

    assertArrayEquals(utf8("secret"), await(v.barrier.view("logical/m/").get("a")).orElseThrow());
    v.close();
  }

  @Test
  void seal_manual_stopsBackgroundRetry() {
    TestVault first = TestVault.initialized(vertx);
    await(first.seal.stop());
    first.close();
    first.provider.unplug();
    TestVault v = first.restart(vertx);
    assertTrue(v.seal.retryPending());

    await(v.seal.seal());

    assertFalse(v.seal.retryPending());
    assertTrue(v.seal.isSealed());
    v.close();
  }

  @Test
  void unseal_withKekMissing_fails503AndStaysSealed() {
    try (TestVault v = TestVault.initialized(vertx)) {
      await(v.seal.seal());
      v.provider.replaceToken();

      ApiError e = publicError(failure(v.seal.unseal()));

      assertEquals(503, e.status());
      assertTrue(v.seal.isSealed());
    }
  }

  @Test
  void restore_withRecoveryKey_afterTokenLost_unsealsWithNewKek() {
    InMemoryStorage storage = new InMemoryStorage();
    InsecureTinkKeyProvider provider = new InsecureTinkKeyProvider();
    TestVault first = new TestVault(vertx, storage, provider, BarrierLimits.DEFAULT);
    await(first.seal.start());
    RecoveryKey recovery = await(first.seal.initialize());
    await(first.barrier.view("logical/m/").put("a", utf8("secret")));
    await(first.admin.rotate()); // the recovery copy must follow keyring changes
    await(first.barrier.view("logical/m/").put("b", utf8("after rotation")));
    await(first.seal.stop());
    first.close();
    provider.replaceToken();

    TestVault v = first.restart(vertx);
    assertTrue(v.seal.isSealed());
    await(v.seal.restore(RecoveryKey.parse(recovery.revealHex())));

    assertFalse(v.seal.isSealed());
    assertArrayEquals(utf8("secret"), await(v.barrier.view("logical/m/").get("a")).orElseThrow());
    assertArrayEquals(
        utf8("after rotation"), await(v.barrier.view("logical/m/").get("b")).orElseThrow());
    // Past the version the old keyring named: if the lost token returns, its kek-v1 is not
    // confused with the new one.
    assertEquals(2, await(v.admin.kekStatus()).inUse());
    v.close();
  }

  @Test
  void restore_withWrongKey_fails400AndStaysSealed() {
    TestVault other = TestVault.initialized(vertx);
    RecoveryKey foreign =
        await(
            new TestVault(
                    vertx,
                    new InMemoryStorage(),
                    new InsecureTinkKeyProvider(),
                    BarrierLimits.DEFAULT)
                .seal.initialize());
    await(other.seal.seal());
    byte[] row = other.storage.raw("core/keyring");

    ApiError e = publicError(failure(other.seal.restore(foreign)));

    assertEquals(400, e.status());
    assertTrue(other.seal.isSealed());
    assertArrayEquals(row, other.storage.raw("core/keyring"));
    other.close();
  }

  @Test
  void restore_whileUnsealed_fails400() {
    try (TestVault v = TestVault.initialized(vertx)) {
      ApiError e = publicError(failure(v.seal.restore(RecoveryKey.parse("00ff"))));

      assertEquals(400, e.status());
    }
  }
}
