package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * The storage read cache in a whole dev server (SoftHSM, SQLite): a write through the API is read
 * back at once, reads hit the cache, and a seal or a snapshot restore leaves nothing old behind.
 */
class StorageReadCacheIT {
  private static final String SECRET = "/v1/secret/data/app/db";

  @TempDir Path dir;
  private VaultTestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void write_isReadBackAtOnce_andRepeatedReadsHitTheCache() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    for (int i = 0; i < 20; i++) {
      ok(server.post(SECRET, secret("v" + i)));
      assertEquals("v" + i, password());
      assertEquals("v" + i, password());
    }
    double hits = hits();
    for (int i = 0; i < 10; i++) {
      password();
    }
    assertTrue(hits() >= hits + 10, "hits did not grow");
    assertTrue(size() > 0);
  }

  @Test
  void seal_emptiesTheCache_andUnsealStartsCold() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    ok(server.post(SECRET, secret("before seal")));
    password();
    assertTrue(size() > 0);

    assertEquals(204, server.call("PUT", "/v1/sys/seal", VaultTestServer.ROOT, null).status());
    assertEquals(0.0, size());
    ok(server.call("PUT", "/v1/sys/unseal", null, new JsonObject()));

    assertEquals("before seal", password());
    ok(server.post(SECRET, secret("after unseal")));
    assertEquals("after unseal", password());
  }

  @Test
  void restore_dropsRowsCachedBeforeIt() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    ok(server.post(SECRET, secret("in snapshot")));
    byte[] snapshot = server.download("/v1/sys/storage/raft/snapshot");
    ok(server.post(SECRET, secret("after snapshot")));
    assertEquals("after snapshot", password());
    assertEquals("after snapshot", password()); // now cached

    Response restored =
        server.upload("/v1/sys/storage/raft/snapshot", VaultTestServer.ROOT, snapshot);

    assertEquals(204, restored.status(), restored::body);
    assertEquals("in snapshot", password());
  }

  @Test
  void disableCache_readsThroughWithoutCacheMetrics() {
    server = VaultTestServer.startDev(dir.resolve("data"), Map.of(ConfigKey.DISABLE_CACHE, "true"));
    ok(server.post(SECRET, secret("one")));
    assertEquals("one", password());
    ok(server.post(SECRET, secret("two")));
    assertEquals("two", password());
    assertTrue(
        server.metrics().registry().find(StorageCacheMetrics.PREFIX + "size").meters().isEmpty());
  }

  private String password() {
    Response r = server.get(SECRET);
    ok(r);
    return r.data().getJsonObject("data").getString("password");
  }

  /** Read from the registry, as sys/metrics refuses while sealed. */
  private double hits() {
    return server
        .metrics()
        .registry()
        .get(StorageCacheMetrics.PREFIX + "hits")
        .functionCounter()
        .count();
  }

  private double size() {
    return server.metrics().registry().get(StorageCacheMetrics.PREFIX + "size").gauge().value();
  }

  private static JsonObject secret(String password) {
    return new JsonObject().put("data", new JsonObject().put("password", password));
  }

  private static void ok(Response r) {
    assertTrue(r.status() >= 200 && r.status() < 300, () -> r.status() + " " + r.body());
  }
}
