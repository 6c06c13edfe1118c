package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.keyward.engine.EngineContext;
import org.keyward.engine.MountEntry;
import org.keyward.http.ApiError;
import org.keyward.http.AuditSink;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.http.OperationLookup;
import org.keyward.http.RequestPipeline;
import org.keyward.view.InMemoryStorageView;

/**
 * A transit engine mounted at {@code transit/} behind the real {@link RequestPipeline} on a real
 * Vert.x HTTP server (plain HTTP, port 0), with a root test token, root-only authorization, no
 * audit and an in-memory storage view. Calls block the test thread (never an event loop).
 */
final class TransitHttpHarness implements AutoCloseable {
  static final String ROOT_TOKEN = "transit-test-root";

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
  private final HttpServer server;
  private final WebClient client;
  private final InMemoryStorageView storage;
  private final TransitEngine engine;

  private TransitHttpHarness(
      Vertx vertx,
      HttpServer server,
      WebClient client,
      InMemoryStorageView storage,
      TransitEngine engine) {
    this.vertx = vertx;
    this.server = server;
    this.client = client;
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
            new EngineContext(vertx, mount, storage),
            Clock.systemUTC(),
            rotateAfterEncryptions,
            TransitEngine.DEFAULT_CHECK_INTERVAL_MS);
    OperationLookup.Mounted mounted =
        new OperationLookup.Mounted("transit/", "transit", engine.operations());
    OperationLookup lookup = path -> path.startsWith("transit/") ? mounted : null;
    Caller root =
        new Caller("accessor-root", Set.of("root"), "root", "auth/token/root", "", Map.of());
    RequestPipeline pipeline =
        new RequestPipeline(
            lookup,
            () -> false,
            (token, request) ->
                ROOT_TOKEN.equals(token.reveal())
                    ? Future.succeededFuture(root)
                    : Future.failedFuture(ApiError.permissionDenied()),
            Authorizer.ROOT_ONLY,
            AuditSink.NONE);
    Router router = Router.router(vertx);
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    router.route("/v1/*").handler(pipeline);
    HttpServer server =
        await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    return new TransitHttpHarness(vertx, server, WebClient.create(vertx), storage, engine);
  }

  int port() {
    return server.actualPort();
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
    return await(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path).send())
        .statusCode();
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
        client
            .request(method, server.actualPort(), "127.0.0.1", path)
            .putHeader("X-Vault-Token", ROOT_TOKEN);
    var response = await(body == null ? request.send() : request.sendJsonObject(body));
    Buffer b = response.body();
    JsonObject json = b == null || b.length() == 0 ? new JsonObject() : b.toJsonObject();
    return new Response(response.statusCode(), json);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed or timed out", e);
    }
  }

  @Override
  public void close() {
    engine.stop();
    await(vertx.close());
  }
}
