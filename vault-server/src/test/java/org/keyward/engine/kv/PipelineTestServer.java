package org.keyward.engine.kv;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keyward.http.ApiError;
import org.keyward.http.AuditSink;
import org.keyward.http.Authenticator;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.http.ErrorHandler;
import org.keyward.http.OperationLookup;
import org.keyward.http.RequestPipeline;
import org.keyward.view.InMemoryStorageView;

/**
 * The real {@link RequestPipeline} on a plain-HTTP Vert.x server on port 0 with a {@link KvEngine}
 * mounted at {@code secret/} over an {@link InMemoryStorageView}: one test token is root, ACLs are
 * {@link Authorizer#ROOT_ONLY}, nothing is audited. Test calls block on their futures (the test
 * thread is not an event loop) with a timeout, so a hung request fails the test.
 */
final class PipelineTestServer {
  static final String ROOT_TOKEN = "kv-test-root-token";
  private static final long TIMEOUT_SECONDS = 10;
  private static final Caller ROOT =
      new Caller("accessor-root", Set.of("root"), "root", "auth/token/root", "", Map.of());

  private final InMemoryStorageView storage;
  private final HttpServer server;
  private final WebClient client;

  private PipelineTestServer(InMemoryStorageView storage, HttpServer server, WebClient client) {
    this.storage = storage;
    this.server = server;
    this.client = client;
  }

  static PipelineTestServer start(Vertx vertx, Clock clock) {
    InMemoryStorageView storage = new InMemoryStorageView();
    KvEngine engine = new KvEngine(storage, clock);
    OperationLookup lookup =
        path ->
            path.startsWith("secret/") || path.equals("secret")
                ? new OperationLookup.Mounted("secret/", "kv", engine.operations())
                : null;
    Authenticator rootOnly =
        (token, request) ->
            token.reveal().equals(ROOT_TOKEN)
                ? Future.succeededFuture(ROOT)
                : Future.failedFuture(ApiError.permissionDenied());
    RequestPipeline pipeline =
        new RequestPipeline(lookup, () -> false, rootOnly, Authorizer.ROOT_ONLY, AuditSink.NONE);
    Router router = Router.router(vertx);
    router.route("/v1/*").handler(BodyHandler.create()).handler(pipeline);
    router.route().failureHandler(new ErrorHandler());
    HttpServer server =
        await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    return new PipelineTestServer(storage, server, WebClient.create(vertx));
  }

  /** Sends {@code method} (GET, POST, LIST, ...) to {@code /v1/<path>} as root. */
  HttpResponse<Buffer> send(String method, String path, JsonObject body) {
    return send(method, path, body, Map.of());
  }

  HttpResponse<Buffer> send(
      String method, String path, JsonObject body, Map<String, String> headers) {
    return await(sendAsync(method, path, body == null ? null : body.toBuffer(), headers));
  }

  /** Sends a raw body, e.g. malformed JSON. */
  HttpResponse<Buffer> sendRaw(String method, String path, String body) {
    return await(sendAsync(method, path, Buffer.buffer(body), Map.of()));
  }

  /** Starts a request without waiting, for concurrent writers. */
  Future<HttpResponse<Buffer>> sendAsync(
      String method, String path, Buffer body, Map<String, String> headers) {
    HttpRequest<Buffer> request =
        client
            .request(HttpMethod.valueOf(method), server.actualPort(), "127.0.0.1", "/v1/" + path)
            .putHeader("X-Vault-Token", ROOT_TOKEN);
    headers.forEach(request::putHeader);
    return body == null ? request.send() : request.sendBuffer(body);
  }

  /** Every stored row (relative to the mount) as text, to assert a refusal changed nothing. */
  Map<String, String> storedRows() {
    Map<String, String> rows = new TreeMap<>();
    for (String key : storage.keys()) {
      byte[] value = await(storage.get(key)).orElseThrow();
      rows.put(key, new String(value, StandardCharsets.UTF_8));
    }
    return rows;
  }

  int port() {
    return server.actualPort();
  }

  List<String> storedKeys() {
    return storage.keys();
  }

  void close() {
    client.close();
    await(server.close());
  }

  /** Waits for {@code future} on the test thread; a hang fails the test instead of blocking it. */
  static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
