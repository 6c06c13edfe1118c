package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.keyward.engine.BackendContext;
import org.keyward.engine.MountEntry;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * A transit engine mounted at {@code transit/} over an in-memory storage view, served by the {@link
 * PipelineHarness} (root token, {@code ROOT_ONLY} ACLs, no audit), with transit's own helpers.
 * Calls block the test thread (never an event loop).
 */
final class TransitHttpHarness implements AutoCloseable {
  static final String ROOT_TOKEN = PipelineHarness.ROOT_TOKEN;

  record Response(int status, JsonObject body) {
    JsonObject data() {
      return body.getJsonObject("data");
    }

    List<String> errors() {
      JsonArray errors = body.getJsonArray("errors", new JsonArray());
      List<String> out = new ArrayList<>();
      errors.forEach(e -> out.add((String) e));
      return out;
    }
  }

  private final Vertx vertx;
  private final PipelineHarness harness;
  private final InMemoryStorageView storage;
  private final TransitEngine engine;

  private TransitHttpHarness(
      Vertx vertx, PipelineHarness harness, InMemoryStorageView storage, TransitEngine engine) {
    this.vertx = vertx;
    this.harness = harness;
    this.storage = storage;
    this.engine = engine;
  }

  static TransitHttpHarness start() {
    return start(TransitEngine.DEFAULT_ROTATE_AFTER_ENCRYPTIONS);
  }

  static TransitHttpHarness start(long rotateAfterEncryptions) {
    Vertx vertx = Vertx.vertx();
    InMemoryStorageView storage = new InMemoryStorageView();
    MountEntry mount =
        new MountEntry("transit/", "transit", "uuid-transit", "transit_1", "", Map.of(), 0, 0);
    TransitEngine engine =
        new TransitEngine(
            new BackendContext(vertx, mount, storage),
            Clock.systemUTC(),
            rotateAfterEncryptions,
            TransitEngine.DEFAULT_CHECK_INTERVAL_MS);
    PipelineHarness harness =
        PipelineHarness.builder(vertx).mount("transit/", "transit", engine.operations()).start();
    return new TransitHttpHarness(vertx, harness, storage, engine);
  }

  int port() {
    return harness.port();
  }

  TransitEngine engine() {
    return engine;
  }

  Response post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, body);
  }

  Response get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  Response list(String path) {
    return send(HttpMethod.valueOf("LIST"), path, null);
  }

  Response delete(String path) {
    return send(HttpMethod.DELETE, path, null);
  }

  /** Status of a GET sent with no token. */
  int getWithoutToken(String path) {
    return await(harness.requestUri(HttpMethod.GET, path).send()).statusCode();
  }

  /** Every stored entry, key to base64 value, to show a refused request changed nothing. */
  Map<String, String> storedEntries() {
    Map<String, String> out = new TreeMap<>();
    for (String key : storage.keys()) {
      byte[] value = await(storage.get(key)).orElseThrow();
      out.put(key, Base64.getEncoder().encodeToString(value));
    }
    return out;
  }

  /** Encrypts {@code plaintext} (UTF-8) under {@code key}; fails the test unless it is a 200. */
  String encrypt(String key, String plaintext) {
    Response r =
        post("/v1/transit/encrypt/" + key, new JsonObject().put("plaintext", b64(plaintext)));
    if (r.status() != 200) {
      throw new AssertionError("encrypt answered " + r.status() + " " + r.body());
    }
    return r.data().getString("ciphertext");
  }

  static String b64(String text) {
    return Base64.getEncoder()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String unb64(String text) {
    return new String(Base64.getDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8);
  }

  private Response send(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request =
        harness.requestUri(method, path).putHeader("X-Vault-Token", ROOT_TOKEN);
    var response = await(body == null ? request.send() : request.sendJsonObject(body));
    Buffer b = response.body();
    JsonObject json = b == null || b.length() == 0 ? new JsonObject() : b.toJsonObject();
    return new Response(response.statusCode(), json);
  }

  static <T> T await(Future<T> future) {
    return PipelineHarness.await(future);
  }

  @Override
  public void close() {
    engine.stop();
    harness.close();
    await(vertx.close());
  }
}
