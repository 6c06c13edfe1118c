package org.keyward.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.ErrorHandler;
import org.keyward.http.RequestPipeline;

/**
 * The HTTP surface: every request passes {@link PathGuard}; {@code /v1/*} gets its body read up to
 * the limit (no file uploads; a larger body is 413) and goes to the {@link RequestPipeline}; {@code
 * /ui/} serves the operator console ({@link ConsoleAssets}); anything else is 404. Every failure,
 * the router's own included, is rendered by {@link ErrorHandler} as {@code {"errors":[...]}}.
 */
final class HttpApi {
  private HttpApi() {}

  static Router router(Vertx vertx, long maxRequestSize, RequestPipeline pipeline) {
    return router(vertx, maxRequestSize, List.of(), pipeline);
  }

  /** As above, with {@code filters} run on {@code /v1/*} after the body and before the pipeline. */
  static Router router(
      Vertx vertx,
      long maxRequestSize,
      List<Handler<RoutingContext>> filters,
      RequestPipeline pipeline) {
    Router router = Router.router(vertx);
    ErrorHandler errors = pipeline.errors();
    router.route().handler(new PathGuard());
    // Preallocated from Content-Length (Vert.x caps it at 64 KiB): a 100 KB transit batch body
    // otherwise grows from 1 KiB by doubling, a tenth of what such a request allocates.
    BodyHandler bodies =
        BodyHandler.create(false).setBodyLimit(maxRequestSize).setPreallocateBodyBuffer(true);
    router
        .route("/v1/*")
        .handler(
            ctx ->
                StreamedUploads.leaveUnread(ctx)
                    .ifPresentOrElse(ignored -> ctx.next(), () -> bodies.handle(ctx)));
    filters.forEach(f -> router.route("/v1/*").handler(f));
    router.route("/v1/*").handler(pipeline);
    ConsoleAssets.mount(router);
    router.route().handler(ctx -> ErrorHandler.render(ctx.response(), ApiError.notFound()));
    router.route().failureHandler(errors);
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      router.errorHandler(status, errors);
    }
    return router;
  }
}
