package org.keyward.engine.kv;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * A {@link KvEngine} mounted at {@code secret/} over an {@link InMemoryStorageView}, served by the
 * {@link PipelineHarness}: one root token, {@link org.keyward.http.Authorizer#ROOT_ONLY}, nothing
 * audited. The kv tests' own view of the harness: requests as root and the rows stored.
 */
final class PipelineTestServer {
  static final String ROOT_TOKEN = PipelineHarness.ROOT_TOKEN;

  private final InMemoryStorageView storage;
  private final PipelineHarness harness;

  private PipelineTestServer(InMemoryStorageView storage, PipelineHarness harness) {
    this.storage = storage;
    this.harness = harness;
  }

  static PipelineTestServer start(Vertx vertx, Clock clock) {
    InMemoryStorageView storage = new InMemoryStorageView();
    KvEngine engine = new KvEngine(storage, clock);
    return new PipelineTestServer(
        storage,
        PipelineHarness.builder(vertx).mount("secret/", "kv", engine.operations()).start());
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
        harness.request(HttpMethod.valueOf(method), path).putHeader("X-Vault-Token", ROOT_TOKEN);
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
    return harness.port();
  }

  List<String> storedKeys() {
    return storage.keys();
  }

  void close() {
    harness.close();
  }

  static <T> T await(Future<T> future) {
    return PipelineHarness.await(future);
  }
}
