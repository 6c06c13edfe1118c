package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
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
        .onSuccess(server -> boundPort.accept(server.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return Future.succeededFuture();
  }
}
