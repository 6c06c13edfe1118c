package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;

@ExtendWith(VertxExtension.class)
class KvDataIT {
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private final TestClock clock = new TestClock(Instant.parse("2026-03-22T02:36:43.980Z"));
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
  void write_newSecret_answersVersionMetadataInVaultShape() {
    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.POST,
            "secret/data/devices/olt-17",
            TestJson.write(TestSecrets.password("x")));

    assertEquals(200, response.statusCode());
    JsonObject expected =
        new JsonObject()
            .put("created_time", "2026-03-22T02:36:43.98Z")
            .put("custom_metadata", null)
            .put("deletion_time", "")
            .put("destroyed", false)
            .put("version", 1);
    assertEquals(expected, TestJson.data(response));
    assertEquals("kv", TestJson.body(response).getString("mount_type"));
  }

  @Test
  void read_deviceParameterSet_roundTripsExactly() {
    JsonObject device = TestSecrets.deviceParameters();
    server.root(HttpMethod.PUT, "secret/data/devices/olt-17", TestJson.write(device));

    HttpResponse<Buffer> response = server.root(HttpMethod.GET, "secret/data/devices/olt-17", null);

    assertEquals(200, response.statusCode());
    JsonObject data = TestJson.data(response);
    assertEquals(device, data.getJsonObject("data"));
    assertEquals(
        2.5, data.getJsonObject("data").getJsonObject("radius").getValue("timeout_seconds"));
    assertTrue(data.getJsonObject("data").getJsonObject("radius").containsKey("secondary"));
    assertEquals(
        new JsonObject()
            .put("created_time", "2026-03-22T02:36:43.98Z")
            .put("custom_metadata", null)
            .put("deletion_time", "")
            .put("destroyed", false)
            .put("version", 1),
        data.getJsonObject("metadata"));
  }

  @Test
  void read_withVersionQuery_returnsThatVersion() {
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("one")));
    clock.advance(Duration.ofMillis(1));
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("two")));

    JsonObject first =
        TestJson.data(server.root(HttpMethod.GET, "secret/data/app?version=1", null));
    JsonObject latest = TestJson.data(server.root(HttpMethod.GET, "secret/data/app", null));

    assertEquals(TestSecrets.password("one"), first.getJsonObject("data"));
    assertEquals(1, first.getJsonObject("metadata").getInteger("version"));
    assertEquals(TestSecrets.password("two"), latest.getJsonObject("data"));
    assertEquals(2, latest.getJsonObject("metadata").getInteger("version"));
    assertEquals(404, server.root(HttpMethod.GET, "secret/data/app?version=3", null).statusCode());
  }

  @Test
  void read_missingSecret_returns404WithEmptyErrors() {
    HttpResponse<Buffer> response = server.root(HttpMethod.GET, "secret/data/nothing", null);

    assertEquals(404, response.statusCode());
    assertEquals(List.of(), TestJson.errors(response));
  }

  @Test
  void write_withMatchingCas_succeedsAndMismatch_returns400Unchanged() {
    assertEquals(
        200,
        server
            .root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("a"), 0))
            .statusCode());
    assertEquals(
        2,
        TestJson.data(
                server.root(
                    HttpMethod.POST,
                    "secret/data/app",
                    TestJson.write(TestSecrets.password("b"), 1)))
            .getInteger("version"));
    Map<String, String> before = storage.rowsAsText();

    HttpResponse<Buffer> stale =
        server.root(
            HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("c"), 1));
    HttpResponse<Buffer> create =
        server.root(
            HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("d"), 0));

    assertEquals(400, stale.statusCode());
    assertEquals(List.of(SecretChanges.CAS_MISMATCH), TestJson.errors(stale));
    assertEquals(400, create.statusCode());
    assertEquals(before, storage.rowsAsText());
  }

  @Test
  void write_withCasRequiredOnMount_needsCas() {
    server.root(HttpMethod.POST, "secret/config", new JsonObject().put("cas_required", true));
    Map<String, String> before = storage.rowsAsText();

    HttpResponse<Buffer> without =
        server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("a")));

    assertEquals(400, without.statusCode());
    assertEquals(List.of(SecretChanges.CAS_REQUIRED), TestJson.errors(without));
    assertEquals(before, storage.rowsAsText());
    assertEquals(
        200,
        server
            .root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("a"), 0))
            .statusCode());
  }

  @Test
  void delete_latest_thenRead_returns404CarryingMetadata() {
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("a")));
    clock.advance(Duration.ofSeconds(5));

    assertEquals(204, server.root(HttpMethod.DELETE, "secret/data/app", null).statusCode());
    HttpResponse<Buffer> read = server.root(HttpMethod.GET, "secret/data/app", null);

    assertEquals(404, read.statusCode());
    JsonObject data = TestJson.data(read);
    assertTrue(data.containsKey("data"));
    assertNull(data.getValue("data"));
    assertEquals(
        "2026-03-22T02:36:48.98Z", data.getJsonObject("metadata").getString("deletion_time"));
    assertEquals(false, data.getJsonObject("metadata").getBoolean("destroyed"));
  }

  @Test
  void undelete_afterDelete_makesVersionReadableAgain() {
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("a")));
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("b")));
    JsonObject versions = new JsonObject().put("versions", new JsonArray().add(1));

    assertEquals(204, server.root(HttpMethod.POST, "secret/delete/app", versions).statusCode());
    assertEquals(404, server.root(HttpMethod.GET, "secret/data/app?version=1", null).statusCode());
    assertEquals(200, server.root(HttpMethod.GET, "secret/data/app?version=2", null).statusCode());
    assertEquals(204, server.root(HttpMethod.POST, "secret/undelete/app", versions).statusCode());

    HttpResponse<Buffer> read = server.root(HttpMethod.GET, "secret/data/app?version=1", null);
    assertEquals(200, read.statusCode());
    assertEquals(TestSecrets.password("a"), TestJson.data(read).getJsonObject("data"));
  }

  @Test
  void destroy_version_readsAs404DestroyedAndDataIsGone() {
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.password("gone")));
    int rowsWithData = storage.keys().size();

    assertEquals(
        204,
        server
            .root(HttpMethod.PUT, "secret/destroy/app", new JsonObject().put("versions", "1"))
            .statusCode());
    HttpResponse<Buffer> read = server.root(HttpMethod.GET, "secret/data/app", null);

    assertEquals(404, read.statusCode());
    assertEquals(true, TestJson.data(read).getJsonObject("metadata").getBoolean("destroyed"));
    assertEquals(rowsWithData - 1, storage.keys().size());
    assertTrue(storage.rowsAsText().values().stream().noneMatch(v -> v.contains("gone")));
  }

  @Test
  void patch_withMergePatchType_mergesIntoNewVersion() {
    server.root(HttpMethod.POST, "secret/data/dev", TestJson.write(TestSecrets.deviceParameters()));
    JsonObject patch =
        TestJson.write(
            new JsonObject()
                .put("ssh", new JsonObject().put("password", "rotated"))
                .put("hostname", null));

    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.PATCH, "secret/data/dev", patch, Map.of("Content-Type", MERGE_PATCH));

    assertEquals(200, response.statusCode());
    assertEquals(2, TestJson.data(response).getInteger("version"));
    JsonObject expected = TestSecrets.deviceParameters();
    expected.remove("hostname");
    expected.getJsonObject("ssh").put("password", "rotated");
    assertEquals(
        expected,
        TestJson.data(server.root(HttpMethod.GET, "secret/data/dev", null)).getJsonObject("data"));
  }

  @Test
  void patch_withPlainJsonType_returns415AndChangesNothing() {
    server.root(HttpMethod.POST, "secret/data/dev", TestJson.write(TestSecrets.password("a")));
    Map<String, String> before = storage.rowsAsText();

    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.PATCH,
            "secret/data/dev",
            TestJson.write(TestSecrets.password("b")),
            Map.of("Content-Type", "application/json"));

    assertEquals(415, response.statusCode());
    assertEquals(
        List.of(
            "PATCH requires Content-Type of application/merge-patch+json, provided application/json"),
        TestJson.errors(response));
    assertEquals(before, storage.rowsAsText());
  }

  @Test
  void patch_missingSecret_returns404() {
    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.PATCH,
            "secret/data/none",
            TestJson.write(TestSecrets.password("b")),
            Map.of("Content-Type", MERGE_PATCH));

    assertEquals(404, response.statusCode());
    assertEquals(List.of(), storage.keys());
  }

  @Test
  void subkeys_returnsKeysWithNullLeaves() {
    server.root(HttpMethod.POST, "secret/data/dev", TestJson.write(TestSecrets.deviceParameters()));

    JsonObject subkeys =
        TestJson.data(server.root(HttpMethod.GET, "secret/subkeys/dev?depth=2", null))
            .getJsonObject("subkeys");

    assertEquals(Set.of("hostname", "snmp", "ssh", "radius"), subkeys.fieldNames());
    assertNull(subkeys.getValue("hostname"));
    JsonObject snmp = subkeys.getJsonObject("snmp");
    assertTrue(snmp.containsKey("v3"));
    assertNull(snmp.getValue("v3"), "depth 2 stops below snmp");
    assertTrue(
        server
            .root(HttpMethod.GET, "secret/subkeys/dev", null)
            .bodyAsString()
            .contains("priv_key"));
    assertTrue(
        !server.root(HttpMethod.GET, "secret/subkeys/dev", null).bodyAsString().contains("en@ble"));
  }

  @Test
  void write_fiftyConcurrentWriters_produceVersionsOneToFiftyNoneLost() {
    server.root(HttpMethod.POST, "secret/config", new JsonObject().put("max_versions", 100));
    List<Future<HttpResponse<Buffer>>> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Buffer body = TestJson.write(TestSecrets.password("writer-" + i)).toBuffer();
      writes.add(
          server.sendAsync(
              HttpMethod.POST, "secret/data/shared", PipelineHarness.ROOT_TOKEN, body));
    }

    Futures.await(Future.all(writes));

    Set<Integer> versions = new TreeSet<>();
    for (Future<HttpResponse<Buffer>> write : writes) {
      assertEquals(200, write.result().statusCode());
      versions.add(TestJson.data(write.result()).getInteger("version"));
    }
    Set<Integer> expected = new TreeSet<>();
    for (int v = 1; v <= 50; v++) {
      expected.add(v);
    }
    assertEquals(expected, versions);
    JsonObject meta = TestJson.data(server.root(HttpMethod.GET, "secret/metadata/shared", null));
    assertEquals(50, meta.getInteger("current_version"));
    assertEquals(50, meta.getJsonObject("versions").size());
    Set<String> stored = new TreeSet<>();
    for (int v = 1; v <= 50; v++) {
      stored.add(
          TestJson.data(server.root(HttpMethod.GET, "secret/data/shared?version=" + v, null))
              .getJsonObject("data")
              .getString("password"));
    }
    assertEquals(50, stored.size());
    assertNotEquals(null, meta.getString("updated_time"));
  }
}
