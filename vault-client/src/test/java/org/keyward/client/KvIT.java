package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KV version 2 through the SDK against the whole server over TLS on SoftHSM. */
class KvIT {
  @TempDir static Path dir;
  static LiveVault vault;
  static Kv kv;

  @BeforeAll
  static void start() {
    vault = LiveVault.start(dir);
    kv = vault.rootClient().kv("secret");
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void putThenGet_returnsDataAndVersion() {
    KvVersion written =
        kv.put("devices/olt-1", SecretData.of(Map.of("ssh_password", "s3cret", "port", 22)));

    KvSecret read = kv.get("devices/olt-1").orElseThrow();

    assertEquals(1, written.version());
    assertEquals("s3cret", read.data().string("ssh_password").orElseThrow().reveal());
    assertEquals(22, read.data().reveal().get("port"));
    assertEquals(1, read.version().version());
    assertFalse(read.toString().contains("s3cret"), read::toString);
  }

  @Test
  void get_absentSecret_isEmpty() {
    assertTrue(kv.get("devices/never-written").isEmpty());
  }

  @Test
  void put_withStaleCas_failsWithServerMessageAndStatus() {
    kv.put("cas/one", SecretData.of(Map.of("v", "1")), 0);
    kv.put("cas/one", SecretData.of(Map.of("v", "2")), 1);

    VaultException stale =
        assertThrows(
            VaultException.class, () -> kv.put("cas/one", SecretData.of(Map.of("v", "x")), 1));

    assertEquals(400, stale.status());
    assertTrue(stale.errors().get(0).contains("check-and-set"), stale.errors()::toString);
    assertTrue(stale.getMessage().contains(stale.requestId()), stale::getMessage);
    assertEquals("2", kv.get("cas/one").orElseThrow().data().reveal().get("v"));
  }

  @Test
  void getVersion_returnsThatVersion() {
    kv.put("versions/a", SecretData.of(Map.of("v", "first")));
    kv.put("versions/a", SecretData.of(Map.of("v", "second")));

    assertEquals("first", kv.get("versions/a", 1).orElseThrow().data().reveal().get("v"));
    assertEquals("second", kv.get("versions/a").orElseThrow().data().reveal().get("v"));
  }

  @Test
  void patch_mergesIntoLatestAndRemovesNulls() {
    kv.put("patch/a", SecretData.of(Map.of("keep", "k", "drop", "d", "change", "old")));
    Map<String, Object> changes = new HashMap<>();
    changes.put("drop", null);
    changes.put("change", "new");

    KvVersion patched = kv.patch("patch/a", changes);

    assertEquals(2, patched.version());
    assertEquals(
        Map.of("keep", "k", "change", "new"), kv.get("patch/a").orElseThrow().data().reveal());
  }

  @Test
  void list_returnsKeysAndFolders_emptyWhenNone() {
    kv.put("list/x/leaf", SecretData.of(Map.of("a", "b")));
    kv.put("list/y", SecretData.of(Map.of("a", "b")));

    assertEquals(List.of("x/", "y"), kv.list("list"));
    assertEquals(List.of(), kv.list("no-such-folder"));
  }

  @Test
  void deleteUndeleteDestroy_changeWhatReads() {
    kv.put("lifecycle/a", SecretData.of(Map.of("v", "1")));
    kv.put("lifecycle/a", SecretData.of(Map.of("v", "2")));

    kv.delete("lifecycle/a");
    boolean goneAfterDelete = kv.get("lifecycle/a").isEmpty();
    kv.undelete("lifecycle/a", List.of(2L));
    String afterUndelete = (String) kv.get("lifecycle/a").orElseThrow().data().reveal().get("v");
    kv.delete("lifecycle/a", List.of(1L));
    boolean v1Deleted = kv.get("lifecycle/a", 1).isEmpty();
    kv.destroy("lifecycle/a", List.of(2L));
    KvMetadata meta = kv.readMetadata("lifecycle/a").orElseThrow();

    assertTrue(goneAfterDelete);
    assertEquals("2", afterUndelete);
    assertTrue(v1Deleted);
    assertTrue(kv.get("lifecycle/a").isEmpty());
    assertTrue(meta.versions().get(1).destroyed());
    assertTrue(meta.versions().get(0).deleted());
  }

  @Test
  void metadata_writeReadDelete_roundTrips() {
    kv.put("meta/a", SecretData.of(Map.of("v", "1")));

    kv.writeMetadata(
        "meta/a",
        KvMetadataSettings.none()
            .maxVersions(3)
            .casRequired(true)
            .deleteVersionAfter(Duration.ofHours(1))
            .customMetadata(Map.of("owner", "cell-7")));
    KvMetadata meta = kv.readMetadata("meta/a").orElseThrow();
    kv.deleteMetadata("meta/a");

    assertEquals(3, meta.maxVersions());
    assertTrue(meta.casRequired());
    assertEquals("1h0m0s", meta.deleteVersionAfter());
    assertEquals(Map.of("owner", "cell-7"), meta.customMetadata());
    assertEquals(1, meta.currentVersion());
    assertTrue(kv.readMetadata("meta/a").isEmpty());
    assertTrue(kv.get("meta/a").isEmpty());
  }

  @Test
  void asyncGet_completesWithSameSecret() {
    kv.put("async/a", SecretData.of(Map.of("v", "x")));

    KvSecret read = vault.rootClient().async().kv("secret").get("async/a").join().orElseThrow();

    assertEquals("x", read.data().reveal().get("v"));
  }
}
