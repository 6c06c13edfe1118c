package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;

/** Every malformed request is a 400 naming the problem, and leaves every stored row unchanged. */
@ExtendWith(VertxExtension.class)
class KvBadInputIT {
  private final InMemoryStorageView storage = new InMemoryStorageView();
  private PipelineHarness server;

  @BeforeEach
  void start(Vertx vertx) {
    server =
        PipelineHarness.builder(vertx)
            .mount(
                "secret/",
                "kv",
                new KvEngine(storage, new TestClock(Instant.parse("2026-03-22T02:36:43Z")))
                    .operations())
            .start();
    server.root(HttpMethod.POST, "secret/data/app", TestJson.write(TestSecrets.deviceParameters()));
    server.root(HttpMethod.POST, "secret/config", new JsonObject().put("max_versions", 4));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> badRequests() {
    JsonObject ok = TestSecrets.password("x");
    JsonArray tooManyKeys = new JsonArray();
    JsonObject many = new JsonObject();
    for (int i = 0; i < 65; i++) {
      many.put("k" + i, "v");
    }
    tooManyKeys.add(many);
    return Stream.of(
        Arguments.of("POST", "secret/data/app", new JsonObject(), "no data provided"),
        Arguments.of("POST", "secret/data/app", new JsonObject().put("data", "pw"), "'data'"),
        Arguments.of(
            "POST", "secret/data/app", new JsonObject().put("data", new JsonArray()), "'data'"),
        Arguments.of(
            "POST", "secret/data/app", TestJson.write(ok).put("options", "cas=1"), "'options'"),
        Arguments.of(
            "POST",
            "secret/data/app",
            TestJson.write(ok).put("options", new JsonObject().put("cas", "one")),
            "'options.cas'"),
        Arguments.of(
            "POST",
            "secret/data/app",
            TestJson.write(ok).put("options", new JsonObject().put("cas", -1)),
            "'options.cas'"),
        Arguments.of(
            "POST",
            "secret/data/app",
            TestJson.write(ok).put("options", new JsonObject().put("cas", 1.5)),
            "'options.cas'"),
        Arguments.of("POST", "secret/data/", TestJson.write(ok), "missing path"),
        Arguments.of("POST", "secret/data", TestJson.write(ok), "missing path"),
        Arguments.of("GET", "secret/data/", null, "missing path"),
        Arguments.of("POST", "secret/data/folder/", TestJson.write(ok), "path must not end"),
        Arguments.of("GET", "secret/data/app?version=abc", null, "'version'"),
        Arguments.of("GET", "secret/data/app?version=-1", null, "'version'"),
        Arguments.of("POST", "secret/delete/app", new JsonObject(), "no version number provided"),
        Arguments.of(
            "POST",
            "secret/destroy/app",
            new JsonObject().put("versions", new JsonArray().add("a")),
            "'versions'"),
        Arguments.of(
            "POST", "secret/undelete/app", new JsonObject().put("versions", ""), "no version"),
        Arguments.of(
            "POST", "secret/delete/", new JsonObject().put("versions", "1"), "missing path"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("max_versions", "x"),
            "'max_versions'"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("max_versions", -3),
            "'max_versions'"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("cas_required", "maybe"),
            "'cas_required'"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("delete_version_after", "soon"),
            "'delete_version_after'"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("custom_metadata", "owner=noc"),
            "'custom_metadata'"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("custom_metadata", new JsonObject().put("k".repeat(129), "v")),
            "length of key"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("custom_metadata", new JsonObject().put("k", "v".repeat(513))),
            "length of value"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("custom_metadata", tooManyKeys.getJsonObject(0)),
            "at most 64 keys"),
        Arguments.of(
            "POST",
            "secret/metadata/app",
            new JsonObject().put("custom_metadata", new JsonObject().put("k", "a\u0000b")),
            "unprintable"),
        Arguments.of(
            "POST", "secret/metadata/", new JsonObject().put("max_versions", 1), "missing path"),
        Arguments.of(
            "POST", "secret/config", new JsonObject().put("max_versions", true), "'max_versions'"),
        Arguments.of(
            "POST",
            "secret/config",
            new JsonObject().put("delete_version_after", "-1h"),
            "'delete_version_after'"));
  }

  @ParameterizedTest(name = "{0} {1} {3}")
  @MethodSource("badRequests")
  void request_withBadInput_returns400NamingItAndChangesNothing(
      String method, String path, JsonObject body, String expectedInMessage) {
    Map<String, String> before = storage.rowsAsText();

    HttpResponse<Buffer> response = server.root(HttpMethod.valueOf(method), path, body);

    assertEquals(400, response.statusCode(), response::bodyAsString);
    List<String> errors = TestJson.errors(response);
    assertFalse(errors.isEmpty());
    assertTrue(
        errors.stream().anyMatch(e -> e.contains(expectedInMessage)),
        () -> errors + " should mention " + expectedInMessage);
    assertEquals(before, storage.rowsAsText());
  }

  @Test
  void write_withMalformedJson_returns400WithoutEchoingIt() {
    Map<String, String> before = storage.rowsAsText();

    HttpResponse<Buffer> response =
        Futures.await(
            server.sendAsync(
                HttpMethod.POST,
                "secret/data/app",
                PipelineHarness.ROOT_TOKEN,
                Buffer.buffer("{\"data\":{\"password\":\"s3cr3t\"")));

    assertEquals(400, response.statusCode());
    assertFalse(response.bodyAsString().contains("s3cr3t"));
    assertEquals(before, storage.rowsAsText());
  }

  @Test
  void patchMetadata_withoutMergePatchType_returns415AndChangesNothing() {
    Map<String, String> before = storage.rowsAsText();

    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.PATCH, "secret/metadata/app", new JsonObject().put("max_versions", 1));

    assertEquals(415, response.statusCode());
    assertEquals(before, storage.rowsAsText());
  }

  @Test
  void request_withoutRootToken_isDeniedAndChangesNothing() {
    Map<String, String> before = storage.rowsAsText();

    HttpResponse<Buffer> response =
        Futures.await(
            server.sendAsync(
                HttpMethod.POST,
                "secret/data/app",
                "not-root",
                TestJson.write(TestSecrets.password("x")).toBuffer()));

    assertEquals(403, response.statusCode());
    assertEquals(before, storage.rowsAsText());
  }
}
