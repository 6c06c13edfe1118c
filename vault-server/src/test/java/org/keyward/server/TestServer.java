package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.keyward.http.ApiError;

/**
 * A real Keyward server on a free port with its self-made TLS material under a temporary directory,
 * and a client that trusts only that server's CA. Tests call it from the JUnit thread and wait.
 */
final class TestServer implements AutoCloseable {
  static final long TIMEOUT_SECONDS = 20;

  final Path dataDir;
  final KeywardServer server;
  final TlsFiles tls;
  private final Vertx clientVertx;
  private final WebClient client;

  private TestServer(Path dataDir, KeywardServer server, TlsFiles tls) {
    this.dataDir = dataDir;
    this.server = server;
    this.tls = tls;
    this.clientVertx = Vertx.vertx();
    this.client =
        WebClient.create(
            clientVertx,
            new WebClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setTrustOptions(
                    new PemTrustOptions().addCertPath(tls.caCertificate().orElseThrow().toString()))
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()));
  }

  /** Starts a server under {@code dataDir} with {@code parts} and the default configuration. */
  static TestServer start(Path dataDir, ServerParts parts) {
    return start(dataDir, parts, Map.of());
  }

  static TestServer start(Path dataDir, ServerParts parts, Map<ConfigKey, String> settings) {
    Map<ConfigKey, String> flags = new java.util.EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.LISTEN_ADDRESS, "127.0.0.1:0");
    flags.put(ConfigKey.DATA_DIR, dataDir.toString());
    flags.putAll(settings);
    ServerConfig config = ServerConfig.load(null, Map.of(), Map.of(), flags);
    CompositionRoot.Prepared prepared = CompositionRoot.prepare(config, Clock.systemUTC());
    KeywardServer server =
        await(
            KeywardServer.start(config, prepared.tls(), parts, prepared.node(), Clock.systemUTC()));
    return new TestServer(dataDir, server, prepared.tls());
  }

  int port() {
    return server.port();
  }

  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path);
  }

  HttpResponse<Buffer> send(HttpMethod method, String path) {
    return await(request(method, path).send());
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(request.send());
  }

  HttpResponse<Buffer> sendBody(HttpMethod method, String path, Buffer body) {
    return await(
        request(method, path).putHeader("Content-Type", "application/json").sendBuffer(body));
  }

  HttpResponse<Buffer> get(String pathAndQuery) {
    return send(HttpMethod.GET, pathAndQuery);
  }

  /** The {@code errors} array of an error response. */
  static List<String> errors(HttpResponse<Buffer> response) {
    return new JsonObject(response.bodyAsString())
        .getJsonArray("errors").stream().map(Object::toString).collect(Collectors.toList());
  }

  static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r && !(r instanceof ApiError)) {
        throw r;
      }
      throw new AssertionError("future failed", e.getCause());
    } catch (Exception e) {
      throw new AssertionError("future did not complete", e);
    }
  }

  @Override
  public void close() {
    client.close();
    await(clientVertx.close());
    await(server.stop());
  }
}
