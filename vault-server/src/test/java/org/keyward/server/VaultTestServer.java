package org.keyward.server;

import static org.keyward.testing.Futures.await;

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
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.keyward.hsm.testing.SoftHsmToken;

/**
 * The whole server as it runs in production, in this JVM: a real SoftHSM token, a SQLite file under
 * a temporary directory, self-made TLS, the composition root's parts, and a JDK HTTP client that
 * trusts only the server's CA. Dev mode (initialised, {@link #ROOT} as root token, {@code secret/}
 * mounted) unless started as a configured server. Public for the tests of other modules ({@code
 * vault-client}'s above all), which use {@link #startDev}, {@link #address}, {@link
 * #caCertificate}, {@link #stop} and {@link #startAgain}.
 */
public final class VaultTestServer implements AutoCloseable {
  /** The dev root token. */
  public static final String ROOT = "root-token-for-tests";

  private static final long POLL_PACE_NANOS = Duration.ofMillis(20).toNanos();

  /** How long a test waits for a future of the server or of the Vert.x client. */
  static final long TIMEOUT_SECONDS = 20;

  final Path dataDir;

  /** The SoftHSM token; null for a server started with stand-in {@link ServerParts}. */
  final SoftHsmToken token;

  private final boolean dev;
  private final ServerParts parts;
  private boolean running;
  private Vertx clientVertx;
  private WebClient webClient;
  private final Map<ConfigKey, String> settings = new EnumMap<>(ConfigKey.class);
  private String tokenLabel;
  private KeywardServer server;
  private HttpClient client;
  private SSLContext tls;
  private Path caPem;
  private int port;

  private VaultTestServer(Path dataDir, SoftHsmToken token, String tokenLabel, boolean dev) {
    this(dataDir, token, tokenLabel, dev, null);
  }

  private VaultTestServer(
      Path dataDir, SoftHsmToken token, String tokenLabel, boolean dev, ServerParts parts) {
    this.dataDir = dataDir;
    this.token = token;
    this.tokenLabel = tokenLabel;
    this.dev = dev;
    this.parts = parts;
  }

  /**
   * A server built around stand-in {@code parts} (seal, token check, policy, audit, routes) instead
   * of the composition root's, with no HSM: for the HTTP edge on its own.
   */
  static VaultTestServer startWithParts(Path dataDir, ServerParts parts) {
    return startWithParts(dataDir, parts, Map.of());
  }

  /** As {@link #startWithParts(Path, ServerParts)}, with extra {@code settings}. */
  static VaultTestServer startWithParts(
      Path dataDir, ServerParts parts, Map<ConfigKey, String> settings) {
    VaultTestServer s = new VaultTestServer(dataDir, null, null, false, parts);
    s.settings.putAll(settings);
    s.start();
    return s;
  }

  /** A dev server ({@code secret/}, {@code transit/}, {@code pki/} mounted) on a fresh token. */
  public static VaultTestServer startDev(Path dataDir) {
    SoftHsmToken token = SoftHsmToken.create();
    VaultTestServer s = new VaultTestServer(dataDir, token, token.label(), true);
    s.start();
    return s;
  }

  /** A dev server on a fresh token with extra {@code settings}. */
  static VaultTestServer startDev(Path dataDir, Map<ConfigKey, String> settings) {
    SoftHsmToken token = SoftHsmToken.create();
    VaultTestServer s = new VaultTestServer(dataDir, token, token.label(), true);
    s.settings.putAll(settings);
    s.start();
    return s;
  }

  /** A configured (not dev) server on a fresh token: uninitialised until {@code sys/init}. */
  static VaultTestServer startConfigured(Path dataDir) {
    SoftHsmToken token = SoftHsmToken.create();
    VaultTestServer s = new VaultTestServer(dataDir, token, token.label(), false);
    s.start();
    return s;
  }

  /** A configured server on a fresh token with extra {@code settings} (e.g. PostgreSQL storage). */
  static VaultTestServer startConfigured(Path dataDir, Map<ConfigKey, String> settings) {
    SoftHsmToken token = SoftHsmToken.create();
    VaultTestServer s = new VaultTestServer(dataDir, token, token.label(), false);
    s.settings.putAll(settings);
    s.start();
    return s;
  }

  /** A configured server pointed at a token label that does not exist. */
  static VaultTestServer startWithMissingToken(Path dataDir) {
    SoftHsmToken token = SoftHsmToken.create();
    VaultTestServer s = new VaultTestServer(dataDir, token, "kw-no-such-token", false);
    s.start();
    return s;
  }

  private void start() {
    start("127.0.0.1:0");
  }

  private void start(String listen) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.LISTEN_ADDRESS, listen);
    flags.put(ConfigKey.DATA_DIR, dataDir.toString());
    if (token != null) {
      flags.put(ConfigKey.HSM_TOKEN_LABEL, tokenLabel);
      flags.put(ConfigKey.HSM_PIN_FILE, pinFile().toString());
    }
    flags.putAll(settings);
    ServerConfig config = ServerConfig.load(null, Map.of(), Map.of(), flags);
    Clock clock = Clock.systemUTC();
    CompositionRoot.Prepared prepared = CompositionRoot.prepare(config, clock);
    KeywardServer.PartsFactory serverParts =
        parts != null
            ? (vertx, metrics) -> Future.succeededFuture(parts)
            : CompositionRoot.parts(
                config,
                Map.of(),
                prepared.node(),
                clock,
                dev ? Optional.of(ROOT) : Optional.empty());
    server =
        await(KeywardServer.start(config, prepared.tls(), serverParts, prepared.node(), clock));
    running = true;
    caPem = prepared.tls().caCertificate().orElseThrow();
    port = server.port();
    tls = sslContext(caPem);
    client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private Path pinFile() {
    try {
      Path file = dataDir.resolveSibling(dataDir.getFileName() + ".pin");
      Files.writeString(file, new String(token.pin()) + "\n");
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops and starts the server again on the same data directory and token. */
  void restart() {
    stop();
    start();
  }

  /** Stops and starts the server again, now looking for the KEK in the token {@code label}. */
  void restartWithTokenLabel(String label) {
    stop();
    tokenLabel = label;
    start();
  }

  /** Stops the server; {@link #startAgain()} or {@link #restart()} brings it back. */
  public void stop() {
    if (running) {
      running = false;
      await(server.stop());
    }
  }

  /** The running server's path-to-operations lookup. */
  org.keyward.http.OperationLookup routes() {
    return server.routes();
  }

  /** The running (or last) server, for its metrics and its own stop. */
  KeywardServer keywardServer() {
    return server;
  }

  /**
   * Starts the stopped server again on its former port, data directory and token, so a client keeps
   * its address across the restart.
   */
  public void startAgain() {
    start("127.0.0.1:" + port);
  }

  int port() {
    return port;
  }

  /** {@code https://127.0.0.1:<port>}. */
  public String address() {
    return "https://127.0.0.1:" + port;
  }

  /** The PEM file of the CA that signed the server's TLS certificate (for VAULT_CACERT). */
  public Path caCertificate() {
    return caPem;
  }

  SSLContext sslContext() {
    return tls;
  }

  /** A JSON request with {@code token} (null for none); the body may be null. */
  Response call(String method, String path, String token, JsonObject body) {
    return call(client, method, path, token, body);
  }

  /**
   * A client of this server that presents {@code chain} (leaf first), with its {@code key}, to
   * every TLS handshake that asks for a client certificate.
   */
  HttpClient clientWithCertificate(PrivateKey key, List<X509Certificate> chain) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] password = "test".toCharArray();
      keys.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(caPem)) {
        trust.setCertificateEntry(
            "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a client certificate context", e);
    }
  }

  /** As {@link #call(String, String, String, JsonObject)}, through {@code via}. */
  Response call(HttpClient via, String method, String path, String token, JsonObject body) {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(URI.create(address() + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("X-Vault-Token", token);
    }
    b.method(
        method,
        body == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body.encode()));
    try {
      java.net.http.HttpResponse<String> r =
          via.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The raw body of a GET with the root token; fails unless 200 (for snapshot downloads). */
  byte[] download(String path) {
    return download(path, ROOT);
  }

  /** The raw body of a GET with {@code token}; fails unless 200. */
  byte[] download(String path, String token) {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(URI.create(address() + path))
            .timeout(Duration.ofMinutes(5))
            .header("X-Vault-Token", token)
            .GET()
            .build();
    try {
      java.net.http.HttpResponse<byte[]> r =
          client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + path + " answered " + r.statusCode() + ": " + new String(r.body()));
      }
      return r.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POSTs {@code body} as raw bytes with {@code token} (for snapshot uploads). */
  Response upload(String path, String token, byte[] body) {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(URI.create(address() + path))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "application/octet-stream")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("X-Vault-Token", token);
    }
    try {
      java.net.http.HttpResponse<String> r =
          client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response get(String path) {
    return call("GET", path, ROOT, null);
  }

  Response post(String path, JsonObject body) {
    return call("POST", path, ROOT, body);
  }

  /** Sum of the HSM call counter over every operation, from the Prometheus text. */
  double hsmCalls() {
    String text = call("GET", "/v1/sys/metrics?format=prometheus", ROOT, null).body();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("keyward_hsm_calls_seconds_count")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** The server's meter registry, readable while sealed (sys/metrics is not). */
  KeywardMetrics metrics() {
    return server.metrics();
  }

  /**
   * A request through a Vert.x web client that trusts only this server's CA, for tests that build
   * requests piece by piece (headers, raw bodies, any method).
   */
  HttpRequest<Buffer> request(HttpMethod method, String path) {
    if (webClient == null) {
      clientVertx = Vertx.vertx();
      webClient =
          WebClient.create(
              clientVertx,
              new WebClientOptions()
                  .setSsl(true)
                  .setVerifyHost(true)
                  .setTrustOptions(new PemTrustOptions().addCertPath(caPem.toString()))
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(port));
    }
    return webClient.request(method, path);
  }

  HttpResponse<Buffer> send(HttpMethod method, String path) {
    return await(request(method, path).send());
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(request.send());
  }

  /** The {@code errors} array of an error response. */
  static List<String> errors(HttpResponse<Buffer> response) {
    return new JsonObject(response.bodyAsString())
        .getJsonArray("errors").stream().map(Object::toString).collect(Collectors.toList());
  }

  /**
   * Polls {@code condition} until it holds, failing with {@code what} after {@code limit}: the
   * deadline of a wait, not a timing assertion. The one wait of the whole-server tests.
   */
  public static void awaitTrue(String what, Duration limit, BooleanSupplier condition) {
    awaitTrue(() -> what, limit, condition);
  }

  /** As {@link #awaitTrue(String, Duration, BooleanSupplier)}, {@code what} told at the failure. */
  public static void awaitTrue(Supplier<String> what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(what.get() + ": not within " + limit);
      }
      LockSupport.parkNanos(POLL_PACE_NANOS);
    }
  }

  /**
   * Waits for the first answer to {@code sys/health}: the first server in a cold JVM on a loaded
   * machine can take longer than the client's connect timeout to complete its first handshake.
   */
  void awaitServing() {
    awaitTrue(
        "server answering",
        Duration.ofMinutes(1),
        () -> {
          try {
            call("GET", "/v1/sys/health?sealedcode=200", null, null);
            return true;
          } catch (java.io.UncheckedIOException e) {
            return false;
          }
        });
  }

  /** A status and body. */
  record Response(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    JsonObject data() {
      return json().getJsonObject("data");
    }
  }

  static SSLContext sslContext(Path caPem) {
    try (InputStream in = Files.newInputStream(caPem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust " + caPem, e);
    }
  }

  @Override
  public void close() {
    if (webClient != null) {
      webClient.close();
      await(clientVertx.close());
    }
    stop();
  }
}
