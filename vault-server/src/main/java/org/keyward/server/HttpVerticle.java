package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One HTTPS listener on one event loop. The server deploys one per event loop on the same port, and
 * Vert.x spreads connections over them, so TLS, JSON and crypto use every core instead of one.
 */
final class HttpVerticle extends VerticleBase {
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
