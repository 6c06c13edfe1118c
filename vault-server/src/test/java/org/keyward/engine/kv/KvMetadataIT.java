package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;

@ExtendWith(VertxExtension.class)
class KvMetadataIT {
  private final TestClock clock = new TestClock(Instant.parse("2026-03-22T02:36:43Z"));
  private final InMemoryStorageView storage = new InMemoryStorageView();
  private PipelineHarness server;

  @BeforeEach
  void start(Vertx vertx) {
    server =
        PipelineHarness.builder(vertx)
            .mount("secret/", "kv", new KvEngine(storage, clock).operations())
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void read_afterTwoWrites_answersVaultMetadataShape() {
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("a")));
    clock.advance(Duration.ofNanos(1_500));
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("b")));

    HttpResponse<Buffer> response = server.root(HttpMethod.GET, "secret/metadata/app", null);

    assertEquals(200, response.statusCode());
    JsonObject version1 =
        new JsonObject()
            .put("created_time", "2026-03-22T02:36:43Z")
            .put("deletion_time", "")
            .put("destroyed", false);
    JsonObject version2 = version1.copy().put("created_time", "2026-03-22T02:36:43.0000015Z");
    JsonObject expected =
        new JsonObject()
            .put("cas_required", false)
            .put("created_time", "2026-03-22T02:36:43Z")
            .put("current_version", 2)
            .put("custom_metadata", null)
            .put("delete_version_after", "0s")
            .put("max_versions", 0)
            .put("oldest_version", 0)
            .put("updated_time", "2026-03-22T02:36:43.0000015Z")
            .put("versions", new JsonObject().put("1", version1).put("2", version2));
    assertEquals(expected, TestJson.data(response));
  }

  @Test
  void write_settings_areReadBackAndApplyToWrites() {
    JsonObject settings =
        new JsonObject()
            .put("max_versions", 2)
            .put("cas_required", true)
            .put("delete_version_after", "1h30m")
            .put("custom_metadata", new JsonObject().put("owner", "noc").put("site", "a"));

    assertEquals(204, server.root(HttpMethod.POST, "secret/metadata/dev", settings).statusCode());
    JsonObject meta = TestJson.data(server.root(HttpMethod.GET, "secret/metadata/dev", null));

    assertEquals(2, meta.getInteger("max_versions"));
    assertEquals(true, meta.getBoolean("cas_required"));
    assertEquals("1h30m0s", meta.getString("delete_version_after"));
    assertEquals(
        new JsonObject().put("owner", "noc").put("site", "a"),
        meta.getJsonObject("custom_metadata"));
    assertEquals(0, meta.getInteger("current_version"));
    assertEquals(
        400,
        server
            .root(HttpMethod.POST, "secret/data/dev", TestJson.write(TestSecrets.password("x")))
            .statusCode());
    JsonObject written =
        TestJson.data(
            server.root(
                HttpMethod.POST, "secret/data/dev", TestJson.write(TestSecrets.password("x"), 0)));
    assertEquals("2026-03-22T04:06:43Z", written.getString("deletion_time"));
    assertEquals(
        new JsonObject().put("owner", "noc").put("site", "a"),
        written.getJsonObject("custom_metadata"));
  }

  @Test
  void write_maxVersions_prunesOldestOnNextWrites() {
    server.root(HttpMethod.POST, "secret/metadata/app", new JsonObject().put("max_versions", 2));
    for (int i = 1; i <= 4; i++) {
      server.root(
          HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("p" + i)));
    }

    JsonObject meta = TestJson.data(server.root(HttpMethod.GET, "secret/metadata/app", null));

    assertEquals(Set.of("3", "4"), meta.getJsonObject("versions").fieldNames());
    assertEquals(3, meta.getInteger("oldest_version"));
    assertEquals(404, server.root(HttpMethod.GET, "secret/data/app?version=2", null).statusCode());
    assertEquals(200, server.root(HttpMethod.GET, "secret/data/app?version=3", null).statusCode());
  }

  @Test
  void patch_customMetadata_mergesAndRemovesNullKeys() {
    server.root(
        HttpMethod.POST,
        "secret/metadata/dev",
        new JsonObject()
            .put("max_versions", 5)
            .put("custom_metadata", new JsonObject().put("owner", "noc").put("site", "a")));

    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.PATCH,
            "secret/metadata/dev",
            new JsonObject()
                .put("custom_metadata", new JsonObject().put("site", null).put("rack", "r7")),
            Map.of("Content-Type", "application/merge-patch+json"));

    assertEquals(204, response.statusCode());
    JsonObject meta = TestJson.data(server.root(HttpMethod.GET, "secret/metadata/dev", null));
    assertEquals(
        new JsonObject().put("owner", "noc").put("rack", "r7"),
        meta.getJsonObject("custom_metadata"));
    assertEquals(5, meta.getInteger("max_versions"));
  }

  @Test
  void patch_missingSecret_returns404AndStoresNothing() {
    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.PATCH,
            "secret/metadata/none",
            new JsonObject().put("max_versions", 3),
            Map.of("Content-Type", "application/merge-patch+json"));

    assertEquals(404, response.statusCode());
    assertEquals(List.of(), storage.keys());
  }

  @Test
  void delete_removesAllVersionsAndMetadata() {
    server.root(HttpMethod.POST, "secret/data/keep", TestJson.write(TestSecrets.password("k")));
    Map<String, String> others = storage.rowsAsText();
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("a")));
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("b")));

    assertEquals(204, server.root(HttpMethod.DELETE, "secret/metadata/app", null).statusCode());

    assertEquals(others, storage.rowsAsText());
    assertEquals(404, server.root(HttpMethod.GET, "secret/metadata/app", null).statusCode());
    assertEquals(404, server.root(HttpMethod.GET, "secret/data/app", null).statusCode());
  }

  @Test
  void list_showsKeysAndFoldersAndEmptyIs404() {
    for (String path : List.of("devices/olt-17", "devices/site-a/olt-1", "devices", "top")) {
      server.root(
          HttpMethod.POST, "secret/data/" + path, TestJson.write(TestSecrets.password("x")));
    }

    JsonObject root =
        TestJson.data(server.root(HttpMethod.valueOf("LIST"), "secret/metadata", null));
    JsonObject devices =
        TestJson.data(server.root(HttpMethod.GET, "secret/metadata/devices?list=true", null));
    JsonObject site =
        TestJson.data(
            server.root(HttpMethod.valueOf("LIST"), "secret/metadata/devices/site-a/", null));
    HttpResponse<Buffer> empty =
        server.root(HttpMethod.valueOf("LIST"), "secret/metadata/nothing", null);

    assertEquals(new JsonArray(List.of("devices", "devices/", "top")), root.getJsonArray("keys"));
    assertEquals(new JsonArray(List.of("olt-17", "site-a/")), devices.getJsonArray("keys"));
    assertEquals(new JsonArray(List.of("olt-1")), site.getJsonArray("keys"));
    assertEquals(404, empty.statusCode());
    assertEquals(List.of(), TestJson.errors(empty));
  }

  @Test
  void config_readDefaultsThenWrite_roundTrips() {
    JsonObject defaults = TestJson.data(server.root(HttpMethod.GET, "secret/config", null));
    assertEquals(
        new JsonObject()
            .put("cas_required", false)
            .put("delete_version_after", "0s")
            .put("max_versions", 0),
        defaults);

    assertEquals(
        204,
        server
            .root(
                HttpMethod.POST,
                "secret/config",
                new JsonObject().put("max_versions", "5").put("delete_version_after", 90))
            .statusCode());

    JsonObject config = TestJson.data(server.root(HttpMethod.GET, "secret/config", null));
    assertEquals(5, config.getInteger("max_versions"));
    assertEquals("1m30s", config.getString("delete_version_after"));
    assertEquals(false, config.getBoolean("cas_required"));
  }

  @Test
  void read_missingMetadata_returns404() {
    HttpResponse<Buffer> response = server.root(HttpMethod.GET, "secret/metadata/none", null);

    assertEquals(404, response.statusCode());
    assertNull(TestJson.body(response).getValue("data"));
  }
}
