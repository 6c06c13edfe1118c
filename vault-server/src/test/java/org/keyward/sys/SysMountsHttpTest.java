package org.keyward.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.auth.TokenAuthenticator;
import org.keyward.auth.TokenRoutes;
import org.keyward.auth.TokenStore;
import org.keyward.http.Operation;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

class SysMountsHttpTest {
  private static Vertx vertx;
  private StubEngineFactory kv;
  private InMemoryStorageView storage;
  private MountTable mounts;
  private PipelineHarness server;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  @BeforeEach
  void setUp() {
    kv = new StubEngineFactory("kv");
    storage = new InMemoryStorageView();
    TokenStore tokens = new TokenStore(storage.sub("sys/token/"), Clock.systemUTC());
    mounts =
        new MountTable(
            vertx,
            storage.sub("sys/"),
            storage::sub,
            List.of(kv, new StubEngineFactory("transit")));
    List<Operation<?>> sys = new ArrayList<>(SysMountRoutes.secrets(mounts).operations());
    sys.addAll(new SysInternalUiRoutes(mounts).operations());
    mounts.addBuiltIn("sys/", "system", "system endpoints", sys);
    mounts.addBuiltIn(
        TokenRoutes.MOUNT_PATH,
        TokenRoutes.MOUNT_TYPE,
        "token based credentials",
        new TokenRoutes(tokens).operations());
    await(mounts.load());
    server =
        PipelineHarness.builder(vertx)
            .lookup(mounts)
            .authenticator(new TokenAuthenticator(tokens))
            .rootToken(await(tokens.issueRootToken()))
            .start();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static JsonObject kvV2() {
    return new JsonObject()
        .put("type", "kv")
        .put("description", "app secrets")
        .put("options", new JsonObject().put("version", "2"));
  }

  @Test
  void enable_thenList_showsVaultShapeInDataAndTopLevel() {
    HttpResponse<Buffer> enabled = server.root(HttpMethod.POST, "sys/mounts/apps", kvV2());
    assertEquals(204, enabled.statusCode());

    HttpResponse<Buffer> list = server.root(HttpMethod.GET, "sys/mounts", null);
    assertEquals(200, list.statusCode());
    JsonObject body = list.bodyAsJsonObject();
    JsonObject apps = body.getJsonObject("data").getJsonObject("apps/");
    assertEquals("kv", apps.getString("type"));
    assertEquals("app secrets", apps.getString("description"));
    assertEquals("2", apps.getJsonObject("options").getString("version"));
    assertEquals(0L, apps.getJsonObject("config").getLong("default_lease_ttl"));
    assertEquals(0L, apps.getJsonObject("config").getLong("max_lease_ttl"));
    assertTrue(apps.getString("accessor").startsWith("kv_"));
    assertEquals(36, apps.getString("uuid").length());
    assertEquals(false, apps.getBoolean("local"));
    assertEquals(false, apps.getBoolean("seal_wrap"));
    assertEquals(apps, body.getJsonObject("apps/"));
    assertEquals("system", body.getJsonObject("data").getJsonObject("sys/").getString("type"));
    assertNull(body.getJsonObject("data").getJsonObject("auth/token/"));
  }

  @Test
  void enable_thenEngineServesItsPaths() {
    server.root(HttpMethod.POST, "sys/mounts/apps", kvV2());
    assertEquals(
        204,
        server.root(HttpMethod.POST, "apps/data/a/b", new JsonObject().put("v", 1)).statusCode());
    HttpResponse<Buffer> read = server.root(HttpMethod.GET, "apps/data/a/b", null);
    assertEquals(200, read.statusCode());
    assertEquals("apps/", read.bodyAsJsonObject().getJsonObject("data").getString("mount"));
    assertEquals("kv", read.bodyAsJsonObject().getString("mount_type"));
  }

  @Test
  void enable_versionAsNumber_accepted() {
    JsonObject body = kvV2().put("options", new JsonObject().put("version", 2));
    assertEquals(204, server.root(HttpMethod.POST, "sys/mounts/apps", body).statusCode());
  }

  @Test
  void enable_kvVersion1_400SayingOnlyV2() {
    JsonObject body = kvV2().put("options", new JsonObject().put("version", "1"));
    HttpResponse<Buffer> r = server.root(HttpMethod.POST, "sys/mounts/apps", body);
    assertEquals(400, r.statusCode());
    assertTrue(errors(r).getString(0).contains("only kv version 2"));
  }

  @Test
  void enable_reservedOrOverlapping_400() {
    server.root(HttpMethod.POST, "sys/mounts/apps/billing", kvV2());
    for (String path :
        new String[] {"sys/x", "auth/approle", "cubbyhole", "identity", "apps", "apps/billing/x"}) {
      HttpResponse<Buffer> r = server.root(HttpMethod.POST, "sys/mounts/" + path, kvV2());
      assertEquals(400, r.statusCode(), path);
      assertEquals(1, errors(r).size(), path);
    }
  }

  @Test
  void enable_missingType_400NamingField() {
    HttpResponse<Buffer> r = server.root(HttpMethod.POST, "sys/mounts/apps", new JsonObject());
    assertEquals(400, r.statusCode());
    assertEquals("missing required field 'type'", errors(r).getString(0));
  }

  @Test
  void enable_withoutToken_403() {
    HttpResponse<Buffer> r = server.send(HttpMethod.POST, "sys/mounts/apps", null, kvV2());
    assertEquals(403, r.statusCode());
    assertNull(mounts.find("apps/data/x"));
  }

  @Test
  void tune_writeThenRead_reportsNewValues() {
    server.root(HttpMethod.POST, "sys/mounts/apps", kvV2());
    JsonObject tune =
        new JsonObject()
            .put("default_lease_ttl", "1h")
            .put("max_lease_ttl", 7200)
            .put("description", "d2");
    assertEquals(204, server.root(HttpMethod.POST, "sys/mounts/apps/tune", tune).statusCode());
    HttpResponse<Buffer> r = server.root(HttpMethod.GET, "sys/mounts/apps/tune", null);
    assertEquals(200, r.statusCode());
    JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
    assertEquals(3600L, data.getLong("default_lease_ttl"));
    assertEquals(7200L, data.getLong("max_lease_ttl"));
    assertEquals("d2", data.getString("description"));
    assertEquals("2", data.getJsonObject("options").getString("version"));
  }

  @Test
  void tune_defaultAboveMax_400() {
    server.root(HttpMethod.POST, "sys/mounts/apps", kvV2());
    JsonObject tune = new JsonObject().put("default_lease_ttl", "2h").put("max_lease_ttl", "1h");
    assertEquals(400, server.root(HttpMethod.POST, "sys/mounts/apps/tune", tune).statusCode());
  }

  @Test
  void disable_thenPathsGoneAndDataErased() {
    server.root(HttpMethod.POST, "sys/mounts/apps", kvV2());
    server.root(HttpMethod.POST, "apps/data/a", new JsonObject().put("v", 1));
    String uuid = mounts.mountServing("apps/").orElseThrow().uuid();

    assertEquals(204, server.root(HttpMethod.DELETE, "sys/mounts/apps", null).statusCode());

    assertEquals(404, server.root(HttpMethod.GET, "apps/data/a", null).statusCode());
    assertTrue(storage.keys().stream().noneMatch(k -> k.contains(uuid)));
    assertEquals(1, kv.stopped.get());
    assertNull(
        server.root(HttpMethod.GET, "sys/mounts", null).bodyAsJsonObject().getJsonObject("apps/"));
  }

  @Test
  void disable_builtIn_400() {
    assertEquals(400, server.root(HttpMethod.DELETE, "sys/mounts/sys", null).statusCode());
  }

  @Test
  void internalUiMounts_pathUnderMount_answersMountForCliPreflight() {
    server.root(HttpMethod.POST, "sys/mounts/secret", kvV2());
    HttpResponse<Buffer> r =
        server.root(HttpMethod.GET, "sys/internal/ui/mounts/secret/devices/olt-17", null);
    assertEquals(200, r.statusCode());
    JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
    assertEquals("kv", data.getString("type"));
    assertEquals("secret/", data.getString("path"));
    assertEquals("2", data.getJsonObject("options").getString("version"));
    assertEquals("app secrets", data.getString("description"));
    assertEquals(mounts.mountServing("secret/").orElseThrow().uuid(), data.getString("uuid"));
    assertTrue(data.containsKey("accessor"));
    assertTrue(data.getJsonObject("config").containsKey("max_lease_ttl"));
  }

  @Test
  void internalUiMounts_noMount_404() {
    HttpResponse<Buffer> r =
        server.root(HttpMethod.GET, "sys/internal/ui/mounts/nothing/here", null);
    assertEquals(404, r.statusCode());
  }

  private static JsonArray errors(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonArray("errors");
  }
}
