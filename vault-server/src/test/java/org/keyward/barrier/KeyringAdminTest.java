package org.keyward.barrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.barrier.TestVault.publicError;
import static org.keyward.barrier.TestVault.utf8;
import static org.keyward.testing.Futures.await;
import static org.keyward.testing.Futures.failure;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;
import org.keyward.storage.InMemoryStorage;
import org.keyward.view.StorageView;

class KeyringAdminTest {
  private Vertx vertx;
  private TestVault vault;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    vault = TestVault.initialized(vertx);
  }

  @AfterEach
  void tearDown() {
    vault.close();
    await(vertx.close());
  }

  @Test
  void rotateKek_rewrapsKeyring_andKeepsOldKekUntilDestroyed() {
    await(vault.barrier.view("logical/m/").put("a", utf8("secret")));

    int version = await(vault.admin.rotateKek());

    assertEquals(2, version);
    KeyAdmin.KekStatus status = await(vault.admin.kekStatus());
    assertEquals(List.of(1, 2), status.versions());
    assertEquals(2, status.inUse());
    assertTrue(new String(vault.storage.raw("core/keyring")).contains("\"version\":2"));

    await(vault.admin.destroyKek(1));

    assertEquals(List.of(2), await(vault.admin.kekStatus()).versions());
    await(vault.seal.seal());
    await(vault.seal.unseal());
    assertArrayEquals(utf8("secret"), await(vault.barrier.view("logical/m/").get("a")).get());
  }

  @Test
  void destroyKek_inUse_fails400AndKeepsIt() {
    ApiError e = publicError(failure(vault.admin.destroyKek(1)));

    assertEquals(400, e.status());
    assertTrue(e.messages().get(0).contains("wraps the keyring"));
    assertEquals(List.of(1), await(vault.admin.kekStatus()).versions());
  }

  @Test
  void destroyKek_absentVersion_fails400() {
    ApiError e = publicError(failure(vault.admin.destroyKek(7)));

    assertEquals(400, e.status());
  }

  @Test
  void rotateKek_withTokenUnplugged_fails503AndChangesNothing() {
    byte[] row = vault.storage.raw("core/keyring");
    vault.provider.unplug();

    ApiError e = publicError(failure(vault.admin.rotateKek()));

    assertEquals(503, e.status());
    assertArrayEquals(row, vault.storage.raw("core/keyring"));
    assertFalse(vault.seal.isSealed());
  }

  @Test
  void rotateKek_tokenListingNoKeks_makesVersionPastTheOneInUse() {
    // A token that lists none of its keys (replaced, or its storage gone) must not make the next
    // KEK reuse kek-v1, the label the keyring already names.
    vault.provider.replaceToken();

    assertEquals(2, await(vault.admin.rotateKek()));
    assertEquals(2, await(vault.admin.kekStatus()).inUse());
  }

  @Test
  void hsmGateway_whileDown_failsWithoutCallingTheHsm_andIsUpAfterProbe() throws Exception {
    InsecureTinkKeyProvider token = new InsecureTinkKeyProvider();
    HsmGateway slowProbe = new HsmGateway(vertx, token, 1, Duration.ofMinutes(1));
    token.unplug();
    assertEquals(
        "HSM unavailable during a",
        assertInstanceOf(
                HsmUnavailableException.class, failure(slowProbe.call("a", p -> p.versions("kek"))))
            .reason());
    int callsWhenDown = token.calls();

    HsmUnavailableException fast =
        assertInstanceOf(
            HsmUnavailableException.class, failure(slowProbe.call("b", p -> p.versions("kek"))));

    assertEquals(List.of("HSM unavailable during b"), publicError(fast).messages());
    assertEquals(503, publicError(fast).status());
    assertEquals(callsWhenDown, token.calls(), "a call reached the HSM while it was down");
    assertFalse(slowProbe.isUp());
    slowProbe.close();

    vault.provider.unplug();
    assertEquals(503, publicError(failure(vault.admin.rotateKek())).status());
    assertFalse(vault.seal.isHsmReachable());
    CountDownLatch up = new CountDownLatch(1);
    vault.hsm.onUp(up::countDown);
    vault.provider.plugIn();
    assertTrue(up.await(10, TimeUnit.SECONDS), "HSM not up again");
    assertTrue(vault.seal.isHsmReachable());
    assertEquals(2, await(vault.admin.rotateKek()));
  }

  @Test
  void rotate_crashBeforeWrite_leavesPreviousKeyringThatUnseals() {
    await(vault.barrier.view("logical/m/").put("a", utf8("secret")));
    vault.storage.failWritesAfter(0);

    assertInstanceOf(RuntimeException.class, failure(vault.admin.rotate()));
    vault.close();
    vault.storage.failWritesAfter(Integer.MAX_VALUE);
    vault = vault.restart(vertx);

    assertFalse(vault.seal.isSealed());
    assertEquals(1, vault.admin.keyStatus().term());
    assertArrayEquals(utf8("secret"), await(vault.barrier.view("logical/m/").get("a")).get());
  }

  @Test
  void rotateKek_crashAfterNewKekBeforeWrite_unsealsWithOldKek() {
    await(vault.barrier.view("logical/m/").put("a", utf8("secret")));
    vault.storage.failWritesAfter(0);

    assertInstanceOf(RuntimeException.class, failure(vault.admin.rotateKek()));
    vault.close();
    vault.storage.failWritesAfter(Integer.MAX_VALUE);
    vault = vault.restart(vertx);

    assertFalse(vault.seal.isSealed());
    KeyAdmin.KekStatus status = await(vault.admin.kekStatus());
    assertEquals(List.of(1, 2), status.versions());
    assertEquals(1, status.inUse());
    assertArrayEquals(utf8("secret"), await(vault.barrier.view("logical/m/").get("a")).get());
  }

  @Test
  void counters_reachLimit_rotateKeyringByItself() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    TestVault small =
        new TestVault(vertx, storage, new InsecureTinkKeyProvider(), new BarrierLimits(4, 20));
    await(small.seal.start());
    await(small.seal.initialize());
    StorageView view = small.barrier.view("logical/m/");

    for (int i = 0; i < 30; i++) {
      await(view.put("k" + i, utf8("v" + i)));
    }
    // The rotation runs on the hsm pool; a seal queued behind it completes after it.
    await(small.seal.seal());
    await(small.seal.unseal());

    // Writes go on while the rotation runs, so the new term may itself pass the small limit.
    int term = small.admin.keyStatus().term();
    assertTrue(term >= 2, "term " + term);
    for (int i = 0; i < 30; i++) {
      assertArrayEquals(utf8("v" + i), await(view.get("k" + i)).orElseThrow());
    }
    small.close();
  }

  @Test
  void counters_persistAcrossRestart_neverUndercount() {
    StorageView view = vault.barrier.view("logical/m/");
    for (int i = 0; i < 50; i++) {
      await(view.put("k" + i, utf8("v")));
    }
    long before = vault.admin.keyStatus().encryptions();
    // No clean seal: a crash. The stored ceiling must cover every encryption made.
    vault.close();
    vault = vault.restart(vertx);

    long after = vault.admin.keyStatus().encryptions();
    assertTrue(after >= before, after + " < " + before);
    assertTrue(after <= before + BarrierLimits.DEFAULT.reserveBlock() + 2, "margin too large");
  }

  @Test
  void counters_afterCleanSeal_areExact() {
    StorageView view = vault.barrier.view("logical/m/");
    for (int i = 0; i < 10; i++) {
      await(view.put("k" + i, utf8("v")));
    }
    long before = vault.admin.keyStatus().encryptions();

    await(vault.seal.seal());
    await(vault.seal.unseal());

    // +1 for the counters row the seal wrote, +1 for the reservation the unseal made.
    assertEquals(before + 2, vault.admin.keyStatus().encryptions());
  }
}
