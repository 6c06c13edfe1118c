package org.keyward.http;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.lang.System.Logger.Level;

/**
 * Renders every failure as Vault's {@code {"errors":[...]}} with its status: the one place a
 * failure becomes a status. An {@link ApiError} shows its public messages (a 5xx's cause is
 * logged); a lower layer's own exception goes through the {@link ErrorTranslator}; anything else is
 * logged under the request id and answered 500 {@code internal error}, so no exception text, {@code
 * CKR_*} code or SQL reaches a client.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
  private static final System.Logger LOG = System.getLogger(ErrorHandler.class.getName());

  private final ErrorTranslator translator;

  public ErrorHandler(ErrorTranslator translator) {
    this.translator = translator;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ApiError error =
        failure == null
            ? fromStatus(ctx.statusCode())
            : toApiError(ctx.get(RequestPipeline.REQUEST_ID_KEY), failure);
    render(ctx.response(), error);
  }

  /**
   * The public error for {@code failure} of request {@code requestId}: an {@link ApiError} as it
   * is, else the translator's answer, else a 4xx for what the client sent wrong (Netty or Vert.x
   * decoding, an {@code HttpException}) or 500 {@code internal error}. Logs once here: a 5xx with a
   * cause, or an unknown failure, at ERROR under the request id; a client's mistake at DEBUG.
   */
  public ApiError toApiError(Object requestId, Throwable failure) {
    ApiError error = failure instanceof ApiError api ? api : translator.toApiError(failure);
    if (error == null) {
      // A failure before the pipeline gave the request an id came from parsing what was sent.
      int clientStatus = requestId == null ? 400 : clientErrorStatus(failure);
      if (clientStatus > 0) {
        LOG.log(Level.DEBUG, "request " + requestId + " refused as " + clientStatus, failure);
        return fromStatus(clientStatus);
      }
      LOG.log(Level.ERROR, "request " + requestId + " failed", failure);
      return ApiError.internal();
    }
    if (error.status() >= 500 && error.getCause() != null) {
      LOG.log(
          Level.ERROR, "request " + requestId + " failed: " + error.getMessage(), error.getCause());
    }
    return error;
  }

  /** The 4xx status of a failure the client caused, or 0 for a server error. */
  private static int clientErrorStatus(Throwable failure) {
    if (failure instanceof HttpException http
        && http.getStatusCode() >= 400
        && http.getStatusCode() < 500) {
      return http.getStatusCode();
    }
    // Netty's decoders (form bodies, for one) and Vert.x's JSON decoding reject what was sent.
    if (failure instanceof DecoderException || failure instanceof DecodeException) {
      return 400;
    }
    return 0;
  }

  static ApiError fromStatus(int status) {
    switch (status) {
      case 404:
        return ApiError.notFound();
      case 405:
        return ApiError.methodNotAllowed();
      case 413:
        return ApiError.payloadTooLarge();
      case 400:
        return ApiError.badRequest("bad request");
      default:
        return status >= 400 && status < 500
            ? ApiError.of(status, "bad request")
            : ApiError.internal();
    }
  }

  /** Writes {@code error} unless a response is already under way. */
  public static void render(HttpServerResponse response, ApiError error) {
    if (response.ended() || response.headWritten()) {
      if (!response.ended()) {
        response.reset();
      }
      return;
    }
    JsonObject body = new JsonObject().put("errors", new JsonArray(error.messages()));
    response
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.toBuffer());
  }
}
