package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * Two {@link PkiEngine}s, at {@code pki/} (root) and {@code pki_int/} (intermediate), each over its
 * own {@link InMemoryStorageView} and one {@link JdkCaKeyCustody}, served by the {@link
 * PipelineHarness} (root token, {@code ROOT_ONLY} ACLs, no audit). Calls block the test thread
 * (never an event loop) with a timeout.
 */
final class PkiTestServer {
  static final String ROOT_TOKEN = PipelineHarness.ROOT_TOKEN;

  final JdkCaKeyCustody custody = new JdkCaKeyCustody();
  final InMemoryStorageView rootStorage = new InMemoryStorageView();
  final InMemoryStorageView intStorage = new InMemoryStorageView();
  final PkiEngine rootEngine;
  final PkiEngine intEngine;
  private final PipelineHarness harness;

  PkiTestServer(Vertx vertx, Clock clock) {
    rootEngine = new PkiEngine(vertx, rootStorage, custody, clock);
    intEngine = new PkiEngine(vertx, intStorage, custody, clock);
    harness =
        PipelineHarness.builder(vertx)
            .mount("pki/", "pki", rootEngine.operations())
            .mount("pki_int/", "pki", intEngine.operations())
            .start();
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
    HttpRequest<Buffer> request = harness.request(HttpMethod.valueOf(method), path);
    if (withToken) {
      request.putHeader("X-Vault-Token", ROOT_TOKEN);
    }
    return await(body == null ? request.send() : request.sendBuffer(body.toBuffer()));
  }

  /** A request without token whose body is {@code bytes} of {@code contentType} (OCSP). */
  HttpResponse<Buffer> sendRaw(String method, String path, String contentType, byte[] bytes) {
    return await(
        harness
            .request(HttpMethod.valueOf(method), path)
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
    return harness.port();
  }

  List<String> storedKeys(InMemoryStorageView storage) {
    return storage.keys();
  }

  void close() {
    harness.close();
  }

  static <T> T await(Future<T> future) {
    return PipelineHarness.await(future);
  }
}
