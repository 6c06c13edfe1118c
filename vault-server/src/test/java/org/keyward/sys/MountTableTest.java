package org.keyward.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.apiError;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.engine.MountEntry;
import org.keyward.http.ApiError;
import org.keyward.view.InMemoryStorageView;

class MountTableTest {
  private Vertx vertx;
  private InMemoryStorageView storage;
  private StubEngineFactory kv;
  private StubEngineFactory transit;
  private MountTable table;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    storage = new InMemoryStorageView();
    kv = new StubEngineFactory("kv");
    transit = new StubEngineFactory("transit");
    table = newTable();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  private MountTable newTable() {
    MountTable t = new MountTable(vertx, storage.sub("sys/"), storage::sub, List.of(kv, transit));
    t.addBuiltIn("sys/", "system", "system", List.of());
    t.addBuiltIn("auth/token/", "token", "tokens", List.of());
    return t;
  }

  private static MountEnableRequest enable(String path, String type, Map<String, String> options) {
    return new MountEnableRequest(path, type, "", options, 0, 0);
  }

  @Test
  void mount_thenLoadInFreshTable_servesSameMountWithSameData() {
    MountEntry entry = await(table.mount(enable("secret", "kv", Map.of("version", "2"))));
    assertEquals("secret/", entry.path());
    assertEquals(1, kv.started.get());

    MountTable reloaded = newTable();
    assertNull(reloaded.find("secret/data/x"));
    await(reloaded.load());
    assertEquals("secret/", reloaded.find("secret/data/x").mountPath());
    assertEquals(entry, reloaded.mountServing("secret/data/x").orElseThrow());
    assertEquals(2, kv.started.get());
  }

  @Test
  void ensureDefault_describesEachMountAsItsFactoryDoes() {
    await(table.ensureDefault("transit/", "transit", Map.of()));
    await(table.ensureDefault("secret/", "kv", Map.of("version", "2")));
    await(table.ensureDefault("transit/", "kv", Map.of()));

    MountEntry transitMount = table.mountServing("transit/keys/k").orElseThrow();
    assertEquals("transit", transitMount.type(), "an existing mount is left as it is");
    assertEquals("transit mount", transitMount.description());
    assertEquals("kv mount", table.mountServing("secret/data/x").orElseThrow().description());
  }

  @Test
  void find_longestPrefixAtSegmentBoundary() {
    await(table.mount(enable("team/a", "transit", Map.of())));
    assertEquals("team/a/", table.find("team/a/encrypt/k").mountPath());
    assertEquals("sys/", table.find("sys/mounts").mountPath());
    assertEquals("auth/token/", table.find("auth/token/lookup-self").mountPath());
    assertNull(table.find("team/ab/encrypt/k"));
    assertNull(table.find("team/x"));
  }

  @Test
  void mount_reservedPaths_badRequest() {
    for (String path :
        List.of("sys", "sys/x", "auth/approle", "cubbyhole", "identity", "audit/f")) {
      ApiError e = apiError(table.mount(enable(path, "transit", Map.of())));
      assertEquals(400, e.status(), path);
    }
  }

  @Test
  void mount_overlappingExisting_badRequestNamingIt() {
    await(table.mount(enable("apps/billing", "transit", Map.of())));
    ApiError under = apiError(table.mount(enable("apps/billing/x", "transit", Map.of())));
    ApiError prefix = apiError(table.mount(enable("apps", "transit", Map.of())));
    ApiError same = apiError(table.mount(enable("apps/billing/", "transit", Map.of())));
    for (ApiError e : List.of(under, prefix, same)) {
      assertEquals(400, e.status());
      assertEquals(List.of("path is already in use at apps/billing/"), e.messages());
    }
  }

  @Test
  void mount_kvVersion1_badRequestSayingOnlyV2() {
    ApiError e = apiError(table.mount(enable("kv1", "kv", Map.of("version", "1"))));
    assertEquals(400, e.status());
    assertTrue(e.messages().get(0).contains("only kv version 2"));
    assertNull(table.find("kv1/data/x"));
  }

  @Test
  void mount_kvWithoutVersion_storedAsVersion2() {
    MountEntry entry = await(table.mount(enable("secret", "kv", Map.of())));
    assertEquals(Map.of("version", "2"), entry.options());
  }

  @Test
  void mount_unknownType_badRequest() {
    assertEquals(400, apiError(table.mount(enable("x", "pki", Map.of()))).status());
  }

  @Test
  void unmount_stopsEngineAndErasesOnlyItsData() {
    MountEntry gone = await(table.mount(enable("gone", "kv", Map.of())));
    MountEntry kept = await(table.mount(enable("kept", "kv", Map.of())));
    await(storage.put(table.dataPrefix(gone) + "a/b", new byte[] {1}));
    await(storage.put(table.dataPrefix(kept) + "a/b", new byte[] {2}));

    await(table.unmount("gone/"));

    assertNull(table.find("gone/data/x"));
    assertEquals(1, kv.stopped.get());
    assertFalse(storage.keys().stream().anyMatch(k -> k.startsWith(table.dataPrefix(gone))));
    assertTrue(storage.keys().contains(table.dataPrefix(kept) + "a/b"));
    MountTable reloaded = newTable();
    await(reloaded.load());
    assertNull(reloaded.find("gone/data/x"));
    assertEquals("kept/", reloaded.find("kept/data/x").mountPath());
  }

  @Test
  void unmount_builtInOrUnknown_badRequest() {
    assertEquals(400, apiError(table.unmount("sys")).status());
    assertEquals(400, apiError(table.unmount("auth/token")).status());
    assertEquals(400, apiError(table.unmount("nothing")).status());
    assertEquals("sys/", table.find("sys/mounts").mountPath());
  }

  @Test
  void tune_changesPersistAndEngineKeepsRunning() {
    await(table.mount(enable("secret", "kv", Map.of())));
    await(table.tune(new MountTuneRequest("secret", "tuned", 60L, 3600L, null)));
    MountTable reloaded = newTable();
    await(reloaded.load());
    MountEntry e = reloaded.mountServing("secret/x").orElseThrow();
    assertEquals("tuned", e.description());
    assertEquals(60, e.defaultLeaseTtl());
    assertEquals(3600, e.maxLeaseTtl());
    assertEquals(0, kv.stopped.get());
  }

  @Test
  void tune_kvToVersion1_badRequestAndUnchanged() {
    await(table.mount(enable("secret", "kv", Map.of())));
    ApiError e =
        apiError(
            table.tune(new MountTuneRequest("secret", null, null, null, Map.of("version", "1"))));
    assertEquals(400, e.status());
    assertEquals("2", table.mountServing("secret/x").orElseThrow().options().get("version"));
  }

  @Test
  void ensureDefault_twice_mountsOnce() {
    await(table.ensureDefault("secret/", "kv", Map.of("version", "2")));
    await(table.ensureDefault("secret/", "kv", Map.of("version", "2")));
    assertEquals(1, table.backendMounts().size());
    assertEquals(1, kv.started.get());
  }

  @Test
  void unload_stopsEnginesAndKeepsBuiltIns() {
    await(table.mount(enable("secret", "kv", Map.of())));
    table.unload();
    assertEquals(1, kv.stopped.get());
    assertNull(table.find("secret/data/x"));
    assertEquals("sys/", table.find("sys/mounts").mountPath());
  }

  @Test
  void authTable_persistsApartFromEnginesAndRefusesTokenAndOutsidePaths() {
    StubEngineFactory approle = new StubEngineFactory("approle");
    MountTable auth =
        new MountTable(vertx, MountKind.AUTH, storage.sub("sys/"), storage::sub, List.of(approle));
    auth.addBuiltIn("auth/token/", "token", "tokens", List.of());

    MountEntry entry = await(auth.mount(enable("auth/approle", "approle", Map.of())));

    assertEquals("auth/approle/", entry.path());
    assertTrue(auth.dataPrefix(entry).startsWith("auth/"));
    assertTrue(storage.keys().contains("sys/core/auth"));
    assertFalse(storage.keys().contains("sys/core/mounts"));
    assertTrue(table.backendMounts().isEmpty());
    for (String path : List.of("auth/token", "auth/token/x", "approle2", "auth/approle/x")) {
      assertEquals(400, apiError(auth.mount(enable(path, "approle", Map.of()))).status(), path);
    }
    assertEquals(400, apiError(auth.mount(enable("auth/x", "kv", Map.of()))).status());
  }
}
