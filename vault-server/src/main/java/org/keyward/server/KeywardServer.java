package org.keyward.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.keyward.http.ErrorHandler;
import org.keyward.http.Operation;
import org.keyward.http.OperationLookup;
import org.keyward.http.RequestPipeline;
import org.keyward.sys.NodeIdentity;
import org.keyward.sys.SysHealthRoutes;
import org.keyward.sys.SysMetricsRoutes;

/**
 * A running Keyward server: its own Vert.x (reporting into {@link KeywardMetrics}) and one HTTPS
 * listener as {@link ListenerTlsPolicy} restricts it (TLS 1.2 and 1.3, AEAD suites only), on the
 * TLS implementation {@link ListenerTlsEngine} picks. {@link #start} completes once the port is
 * bound; {@link #stop} closes the listener, then Vert.x, then the metrics, and may be called more
 * than once.
 */
public final class KeywardServer {
  private static final System.Logger LOG = System.getLogger(KeywardServer.class.getName());

  /** One HTTPS listener per event loop (Vert.x's default: two per core). */
  static final int LISTENERS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

  private final Vertx vertx;
  private final Listeners http;
  private final KeywardMetrics metrics;
  private final ServerParts parts;
  private Future<Void> stopping;

  private KeywardServer(Vertx vertx, Listeners http, KeywardMetrics metrics, ServerParts parts) {
    this.vertx = vertx;
    this.http = http;
    this.metrics = metrics;
    this.parts = parts;
  }

  /**
   * The listener deployments (one HTTPS server per event loop), the port they share and the
   * path-to-operations lookup they serve, and the TLS implementation they use.
   */
  private record Listeners(
      List<String> deployments,
      int port,
      List<HttpVerticle> verticles,
      OperationLookup routes,
      TlsEngine tlsEngine) {}

  /** Builds the parts once Vert.x and the metrics exist (storage and HSM need both). */
  @FunctionalInterface
  public interface PartsFactory {
    Future<ServerParts> create(Vertx vertx, KeywardMetrics metrics);
  }

  /**
   * Builds Vert.x and the router and binds the listener.
   *
   * @return fails if the port cannot be bound or the TLS files are unusable; Vert.x is then closed
   */
  public static Future<KeywardServer> start(
      ServerConfig config, TlsFiles tls, ServerParts parts, NodeIdentity node, Clock clock) {
    return start(config, tls, (vertx, metrics) -> Future.succeededFuture(parts), node, clock);
  }

  /**
   * As {@link #start(ServerConfig, TlsFiles, ServerParts, NodeIdentity, Clock)}, parts built late.
   */
  public static Future<KeywardServer> start(
      ServerConfig config,
      TlsFiles tls,
      PartsFactory partsFactory,
      NodeIdentity node,
      Clock clock) {
    StartupWarmup.run();
    KeywardMetrics metrics = new KeywardMetrics();
    Vertx vertx =
        Vertx.builder()
            .with(metrics.vertxOptions())
            .withMetrics(metrics.vertxMetricsFactory())
            .build();
    Future<ServerParts> built;
    try {
      built = partsFactory.create(vertx, metrics);
    } catch (RuntimeException e) {
      built = Future.failedFuture(e);
    }
    // A promise of no context: completing it never schedules work on the event loops that a
    // failed start is about to close.
    Promise<KeywardServer> started = Promise.promise();
    built.onComplete(
        ar -> {
          if (ar.failed()) {
            closeAfterFailure(vertx, metrics, ar.cause(), started);
            return;
          }
          ServerParts parts = ar.result();
          listen(vertx, metrics, config, tls, parts, node, clock)
              .onComplete(
                  bound -> {
                    if (bound.succeeded()) {
                      KeywardServer server =
                          new KeywardServer(vertx, bound.result(), metrics, parts);
                      parts.listening().accept(server::useCertificate);
                      started.complete(server);
                    } else {
                      parts
                          .shutdown()
                          .get()
                          .onComplete(
                              ignored -> closeAfterFailure(vertx, metrics, bound.cause(), started));
                    }
                  });
        });
    return started.future();
  }

  private static Future<Listeners> listen(
      Vertx vertx,
      KeywardMetrics metrics,
      ServerConfig config,
      TlsFiles tls,
      ServerParts parts,
      NodeIdentity node,
      Clock clock) {
    try {
      List<Operation<?>> sys = new ArrayList<>();
      sys.addAll(new SysHealthRoutes(parts.seal(), parts.standby(), node, clock).operations());
      sys.addAll(new SysMetricsRoutes(metrics.registry()::scrape).operations());
      OperationLookup lookup = parts.lookup().apply(List.copyOf(sys));
      RequestPipeline pipeline =
          new RequestPipeline(
              lookup,
              parts.seal()::isSealed,
              parts.authenticator(),
              parts.authorizer(),
              parts.audit(),
              new ErrorHandler(BarrierErrorTranslator.INSTANCE));
      TlsEngine engine = ListenerTlsEngine.choose(config.tlsEngine());
      HttpServerOptions options =
          ListenerTlsPolicy.apply(new HttpServerOptions())
              .setHost(config.listenAddress().host())
              .setPort(config.listenAddress().port())
              .setSsl(true)
              .setSslEngineOptions(engine.options())
              .setKeyCertOptions(
                  new PemKeyCertOptions()
                      .setCertPath(tls.certificate().toString())
                      .setKeyPath(tls.privateKey().toString()));
      AnyClientCertificate.request(options); // for cert login: asked for, never required
      Supplier<Router> router =
          () -> HttpApi.router(vertx, config.maxRequestSize(), parts.filters(), pipeline);
      Set<Integer> ports = ConcurrentHashMap.newKeySet();
      List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
      // Vert.x lets listeners share a configured port, but gives each one asking for port 0 a
      // port of its own: an ephemeral port (tests) gets a single listener.
      int instances = config.listenAddress().port() == 0 ? 1 : LISTENERS;
      return vertx
          .deployVerticle(
              () -> {
                HttpVerticle verticle = new HttpVerticle(options, router, ports::add);
                verticles.add(verticle);
                return verticle;
              },
              new DeploymentOptions().setInstances(instances))
          .compose(
              id ->
                  ports.size() == 1
                      ? Future.succeededFuture(
                          new Listeners(
                              List.of(id), ports.iterator().next(), verticles, lookup, engine))
                      : vertx
                          .undeploy(id)
                          .transform(
                              ignored ->
                                  Future.failedFuture(
                                      new IllegalStateException(
                                          "listeners bound different ports " + ports))));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Closes Vert.x after a failed start, then fails {@code failed} with {@code cause}. The close
   * runs on a thread of its own: a close future made on one of Vert.x's event loops reports back on
   * that loop, which the close shuts down, so it would never complete.
   */
  private static void closeAfterFailure(
      Vertx vertx, KeywardMetrics metrics, Throwable cause, Promise<KeywardServer> failed) {
    Thread closer =
        new Thread(
            () ->
                vertx
                    .close()
                    .onComplete(
                        ignored -> {
                          metrics.close();
                          failed.fail(cause);
                        }),
            "keyward-start-cleanup");
    closer.setDaemon(true);
    closer.start();
  }

  /** Replaces every listener's certificate for new connections: see {@link ListenerTls}. */
  Future<Void> useCertificate(KeyCertOptions keyCert) {
    return Future.all(http.verticles().stream().map(v -> v.useCertificate(keyCert)).toList())
        .mapEmpty();
  }

  /**
   * What the listeners route to: every mount's operations. The test of the unauthenticated
   * operations (CVE-2025-4656) enumerates them through it.
   */
  OperationLookup routes() {
    return http.routes();
  }

  /** The TLS implementation the listeners use (tls_engine, or the default's choice). */
  TlsEngine tlsEngine() {
    return http.tlsEngine();
  }

  /** The bound port (useful when the configured port was 0). */
  public int port() {
    return http.port();
  }

  /** The metrics registry, e.g. to hand its HSM call listener to the key provider. */
  public KeywardMetrics metrics() {
    return metrics;
  }

  /**
   * Closes the listener, then the parts (storage, HSM), then Vert.x and the metrics. Idempotent.
   * Call it from outside this server's Vert.x (a signal handler, a test thread): its event loops
   * are being shut down, so nothing may be scheduled on them.
   */
  public synchronized Future<Void> stop() {
    if (stopping == null) {
      // A promise of no context, completed from the closing thread: see closeAfterFailure.
      Promise<Void> stopped = Promise.promise();
      Future.join(http.deployments().stream().map(vertx::undeploy).toList())
          .eventually(() -> parts.shutdown().get())
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  LOG.log(Level.WARNING, "closing the vault's parts failed", ar.cause());
                }
                Thread closer =
                    new Thread(
                        () ->
                            vertx
                                .close()
                                .onComplete(
                                    closed -> {
                                      metrics.close();
                                      LOG.log(Level.INFO, "Keyward server stopped");
                                      stopped.complete();
                                    }),
                        "keyward-stop");
                closer.setDaemon(true);
                closer.start();
              });
      stopping = stopped.future();
    }
    return stopping;
  }
}
