package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One HTTPS listener on one event loop. The server deploys one per event loop on the same port, and
 * Vert.x spreads connections over them, so TLS, JSON and crypto use every core instead of one.
 */
final class HttpVerticle extends VerticleBase {
  /**
   * Vert.x Web's router traces every request's full URI, query string included, before any of our
   * code runs; a client that puts a secret in a query (the Vault API takes none there, but clients
   * err) would find it in a log turned up to trace. Held here at debug at most, for as long as the
   * class lives (java.util.logging forgets the level of a logger nobody references). This covers
   * the default java.util.logging backend; with an SLF4J provider added, set it there.
   */
  private static final Logger ROUTER_TRACE = Logger.getLogger("io.vertx.ext.web.impl.RouterImpl");

  static {
    ROUTER_TRACE.setLevel(Level.FINE);
  }

  private final HttpServerOptions options;
  private final Supplier<Router> router;
  private final IntConsumer boundPort;
  private volatile HttpServer server;

  HttpVerticle(HttpServerOptions options, Supplier<Router> router, IntConsumer boundPort) {
    this.options = options;
    this.router = router;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(options)
        .requestHandler(router.get())
        .listen()
        .onSuccess(
            bound -> {
              server = bound;
              boundPort.accept(bound.actualPort());
            });
  }

  /** Serves {@code keyCert} to new connections, keeping every other TLS setting. */
  Future<Boolean> useCertificate(KeyCertOptions keyCert) {
    return server.updateSSLOptions(options.getSslOptions().copy().setKeyCertOptions(keyCert), true);
  }

  @Override
  public Future<?> stop() {
    return Future.succeededFuture();
  }
}
