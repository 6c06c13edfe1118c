package org.keyward.server;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
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
    Router router = Router.router(vertx);
    ErrorHandler errors = new ErrorHandler();
    router.route().handler(new PathGuard());
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(maxRequestSize));
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
