package org.keyward.engine.pki;

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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keyward.barrier.InMemoryStorageView;
import org.keyward.http.ApiError;
import org.keyward.http.AuditSink;
import org.keyward.http.Authenticator;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.http.ErrorHandler;
import org.keyward.http.OperationLookup;
import org.keyward.http.RequestPipeline;

/**
 * The real {@link RequestPipeline} on a plain-HTTP Vert.x server on port 0 with two {@link
 * PkiEngine}s, at {@code pki/} (root) and {@code pki_int/} (intermediate), each over its own {@link
 * InMemoryStorageView} and one {@link JdkCaKeyCustody}. One test token is root, ACLs are {@link
 * Authorizer#ROOT_ONLY}, nothing is audited. Calls block the test thread (never an event loop) with
 * a timeout.
 */
final class PkiTestServer {
  static final String ROOT_TOKEN = "pki-test-root-token";
  private static final long TIMEOUT_SECONDS = 20;
  private static final Caller ROOT =
      new Caller("accessor-root", Set.of("root"), "root", "auth/token/root", "", Map.of());

  final JdkCaKeyCustody custody = new JdkCaKeyCustody();
  final InMemoryStorageView rootStorage = new InMemoryStorageView();
  final InMemoryStorageView intStorage = new InMemoryStorageView();
  final PkiEngine rootEngine;
  final PkiEngine intEngine;
  private final HttpServer server;
  private final WebClient client;

  PkiTestServer(Vertx vertx, Clock clock) {
    rootEngine = new PkiEngine(vertx, rootStorage, custody, clock);
    intEngine = new PkiEngine(vertx, intStorage, custody, clock);
    OperationLookup lookup =
        path -> {
          if (path.startsWith("pki_int/")) {
            return new OperationLookup.Mounted("pki_int/", "pki", intEngine.operations());
          }
          if (path.startsWith("pki/")) {
            return new OperationLookup.Mounted("pki/", "pki", rootEngine.operations());
          }
          return null;
        };
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
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return send("POST", path, body, true);
  }

  HttpResponse<Buffer> get(String path) {
    return send("GET", path, null, true);
  }

  /** A GET without any token, for the public CA and CRL paths. */
  HttpResponse<Buffer> getAnonymous(String path) {
    return send("GET", path, null, false);
  }

  HttpResponse<Buffer> send(String method, String path, JsonObject body, boolean withToken) {
    HttpRequest<Buffer> request =
        client.request(HttpMethod.valueOf(method), server.actualPort(), "127.0.0.1", "/v1/" + path);
    if (withToken) {
      request.putHeader("X-Vault-Token", ROOT_TOKEN);
    }
    return await(body == null ? request.send() : request.sendBuffer(body.toBuffer()));
  }

  /** A request without token whose body is {@code bytes} of {@code contentType} (OCSP). */
  HttpResponse<Buffer> sendRaw(String method, String path, String contentType, byte[] bytes) {
    return await(
        client
            .request(HttpMethod.valueOf(method), server.actualPort(), "127.0.0.1", "/v1/" + path)
            .putHeader("Content-Type", contentType)
            .sendBuffer(Buffer.buffer(bytes)));
  }

  /** {@code data} of a 200 answer; fails the test with the body otherwise. */
  JsonObject data(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "expected 200, got " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonObject("data");
  }

  /** Generates an EC P-256 root in {@code pki/}; answers its PEM. */
  String generateRoot() {
    return data(post(
            "pki/root/generate/internal",
            new JsonObject().put("common_name", "Keyward Test Root CA").put("ttl", "8760h")))
        .getString("certificate");
  }

  /** Writes the ready roles into {@code mount}'s engine. */
  void ensureDefaultRoles(PkiEngine engine) {
    await(engine.ensureDefaultRoles());
  }

  int port() {
    return server.actualPort();
  }

  List<String> storedKeys(InMemoryStorageView storage) {
    return storage.keys();
  }

  void close() {
    client.close();
    await(server.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
