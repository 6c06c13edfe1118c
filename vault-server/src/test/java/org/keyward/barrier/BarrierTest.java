package org.keyward.barrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.barrier.TestVault.publicError;
import static org.keyward.barrier.TestVault.utf8;
import static org.keyward.testing.Futures.await;
import static org.keyward.testing.Futures.failure;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewConflictException;
import org.keyward.view.ViewOp;

class BarrierTest {
  private static final String SECRET = "olt-17 admin password: hunter2-correct-horse";

  private Vertx vertx;
  private TestVault vault;
  private StorageView view;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    vault = TestVault.initialized(vertx);
    view = vault.barrier.view("logical/mount-1/");
  }

  @AfterEach
  void tearDown() {
    vault.close();
    await(vertx.close());
  }

  @Test
  void put_thenGet_roundTrips() {
    await(view.put("devices/olt-17", utf8(SECRET)));

    assertArrayEquals(utf8(SECRET), await(view.get("devices/olt-17")).orElseThrow());
    assertEquals(Optional.empty(), await(view.get("devices/absent")));
    assertEquals(List.of("devices/"), await(view.list("")));
  }

  @Test
  void put_storesNoPlaintextAndBindsFormat() {
    await(view.put("devices/olt-17", utf8(SECRET)));

    byte[] stored = vault.storage.raw("logical/mount-1/devices/olt-17");
    assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("hunter2"));
    assertEquals(1, stored[0]);
  }

  @Test
  void get_ofRowCopiedToAnotherPath_failsIntegrity() {
    await(view.put("a", utf8(SECRET)));
    vault.storage.putRaw("logical/mount-1/b", vault.storage.raw("logical/mount-1/a"));

    Throwable e = failure(view.get("b"));

    assertInstanceOf(BarrierIntegrityException.class, e);
    assertEquals(500, publicError(e).status());
    assertTrue(e.getMessage().contains("integrity"));
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void get_withFlippedByte_failsIntegrity() {
    await(view.put("a", utf8(SECRET)));
    byte[] stored = vault.storage.raw("logical/mount-1/a");
    stored[stored.length - 3] ^= 0x01;
    vault.storage.putRaw("logical/mount-1/a", stored);

    ApiError api = publicError(failure(view.get("a")));
    assertEquals(List.of("stored entry failed its integrity check"), api.messages());
  }

  @Test
  void transaction_withStaleRevision_conflictsAndAppliesNothing() {
    await(view.put("a", utf8("v1")));
    StoredValue read = await(view.read("a")).orElseThrow();
    await(view.put("a", utf8("v2")));

    Throwable e =
        failure(
            view.transaction(
                List.of(ViewOp.expect("a", read.revision()), ViewOp.put("a", utf8("v3")))));

    assertInstanceOf(ViewConflictException.class, e);
    assertArrayEquals(utf8("v2"), await(view.get("a")).orElseThrow());
  }

  @Test
  void view_cannotReachRawKeyringRow() {
    byte[] keyringBefore = vault.storage.raw("core/keyring");

    Throwable e = failure(vault.barrier.view("core/").put("keyring", utf8("x")));

    assertInstanceOf(BarrierRefusalException.class, e);
    assertEquals(400, publicError(e).status());
    assertArrayEquals(keyringBefore, vault.storage.raw("core/keyring"));
  }

  @Test
  void view_whileSealed_failsWith503() {
    await(vault.seal.seal());

    Throwable e = failure(view.get("a"));

    assertInstanceOf(VaultSealedException.class, e);
    ApiError api = publicError(e);
    assertEquals(503, api.status());
    assertEquals(List.of("Vault is sealed"), api.messages());
    assertInstanceOf(VaultSealedException.class, failure(view.put("a", utf8("x"))));
    assertInstanceOf(VaultSealedException.class, failure(view.list("")));
  }

  @Test
  void rotate_keepsOldEntriesReadable_andNewWritesUseNewKey() {
    await(view.put("old", utf8("written under term 1")));
    int oldKeyId = Keyring.keyIdOf(vault.storage.raw("logical/mount-1/old"), 1);

    KeyAdmin.KeyStatus status = await(vault.admin.rotate());
    await(view.put("new", utf8("written under term 2")));

    assertEquals(2, status.term());
    assertArrayEquals(utf8("written under term 1"), await(view.get("old")).orElseThrow());
    int newKeyId = Keyring.keyIdOf(vault.storage.raw("logical/mount-1/new"), 1);
    assertNotEquals(oldKeyId, newKeyId);
    assertEquals(vault.barrier.keyring().primary().keyId(), newKeyId);
  }

  @Test
  void hotPath_thousandReadsAndWrites_makeNoKeyProviderCalls() {
    int before = vault.provider.calls();

    for (int i = 0; i < 500; i++) {
      await(view.put("k" + i, utf8("value " + i)));
      assertArrayEquals(utf8("value " + i), await(view.get("k" + i)).orElseThrow());
    }

    assertEquals(before, vault.provider.calls());
  }

  @Test
  void rotate_survivesRestart_withOldAndNewEntriesReadable() {
    await(view.put("old", utf8("one")));
    await(vault.admin.rotate());
    await(view.put("new", utf8("two")));
    vault.close();

    TestVault restarted = vault.restart(vertx);
    StorageView again = restarted.barrier.view("logical/mount-1/");

    assertFalse(restarted.seal.isSealed());
    assertArrayEquals(utf8("one"), await(again.get("old")).orElseThrow());
    assertArrayEquals(utf8("two"), await(again.get("new")).orElseThrow());
    assertEquals(2, restarted.admin.keyStatus().term());
    restarted.close();
  }
}
