package org.keyward.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one chain every {@code /v1/} request runs through: resolve the path to a mount and an
 * operation, refuse while sealed, decode and validate, authenticate, check whether a write's target
 * exists (create or update), authorize ({@link AccessCheck}), audit the request (fail-closed), act,
 * audit the response, render. An operation flagged {@link Operation.Flag#NO_EFFECTS} acts first and
 * has its request and response audited together before rendering. Runs on the event loop; every
 * step is non-blocking.
 */
public final class RequestPipeline implements Handler<RoutingContext> {
  static final String REQUEST_ID_KEY = "keyward.requestId";

  /**
   * Routing-context keys under which an HA node that received a request forwarded by another node
   * (and checked that it came from one) puts the original client's certificate chain ({@code
   * List<X509Certificate>}) and address ({@code String}); they stand in for the connection's own.
   */
  public static final String FORWARDED_PEER_CHAIN_KEY = "keyward.forwardedPeerChain";

  public static final String FORWARDED_REMOTE_ADDRESS_KEY = "keyward.forwardedRemoteAddress";

  /**
   * Where the router leaves a paused request whose body it did not read (see {@link
   * RequestContext#upload()}).
   */
  public static final String UPLOAD_KEY = "keyward.upload";

  private static final String API_PREFIX = "/v1/";
  private static final int MAX_PATH_LENGTH = 2048;

  private final OperationLookup lookup;
  private final BooleanSupplier sealed;
  private final AccessCheck access;
  private final AuditSink audit;
  private final ErrorHandler errors;

  /**
   * @param errors the edge's one failure-to-status mapping; render a router's own failures with the
   *     same handler ({@link #errors()})
   */
  public RequestPipeline(
      OperationLookup lookup,
      BooleanSupplier sealed,
      Authenticator authenticator,
      Authorizer authorizer,
      AuditSink audit,
      ErrorHandler errors) {
    this.lookup = lookup;
    this.sealed = sealed;
    this.access = new AccessCheck(authenticator, authorizer, audit);
    this.audit = audit;
    this.errors = errors;
  }

  /** The handler this pipeline renders failures with, for the router's failure routes. */
  public ErrorHandler errors() {
    return errors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String requestId = RequestIds.next();
    ctx.put(REQUEST_ID_KEY, requestId);
    HttpServerResponse response = ctx.response();
    Route route;
    RequestContext request;
    try {
      route = routeOrSealed(ctx.request());
      request = newContext(ctx, requestId, route);
    } catch (ApiError e) {
      ErrorHandler.render(response, e);
      return;
    }
    Object input;
    try {
      input = route.operation.decode(request);
    } catch (ApiError e) {
      finish(ctx, route, request, Future.failedFuture(e));
      return;
    } catch (RuntimeException e) {
      finish(ctx, route, request, Future.failedFuture(decodeFailure(e)));
      return;
    }
    Operation<?> op = route.operation;
    if (op.has(Operation.Flag.NO_EFFECTS) && !op.has(Operation.Flag.NOT_AUDITED)) {
      handleWithoutEffects(ctx, route, request, input);
      return;
    }
    Future<VaultResponse> result =
        access
            .check(op, input, request)
            .compose(
                decision ->
                    op.has(Operation.Flag.NOT_AUDITED)
                        ? Future.succeededFuture()
                        : audit
                            .request(request, decision)
                            .recover(e -> Future.failedFuture(auditUnavailable())))
            .compose(ignored -> act(op, input, request));
    finish(ctx, route, request, result);
  }

  /**
   * An operation that changes nothing runs before its request is recorded; request and outcome are
   * then recorded together, in one append, and nothing (no result, no error) is sent unless both
   * were written. A refused caller goes the usual way: {@link AccessCheck} records the denial.
   */
  private void handleWithoutEffects(
      RoutingContext ctx, Route route, RequestContext request, Object input) {
    access
        .check(route.operation, input, request)
        .onComplete(
            checked -> {
              if (checked.failed()) {
                finish(ctx, route, request, Future.failedFuture(checked.cause()));
                return;
              }
              Authorizer.Decision decision = checked.result();
              Instant received = Instant.now();
              finish(
                  ctx,
                  route,
                  request,
                  act(route.operation, input, request),
                  new OutcomeRecorder(
                      response -> audit.requestAndResponse(request, decision, received, response),
                      error -> audit.requestAndError(request, decision, received, error)));
            });
  }

  /**
   * A wrong JSON type (getString on a number), an unparsable number or date, bad base64: the
   * client's mistake, 400 without detail (the exception text may quote the input). Anything else a
   * decoder throws (a null it did not expect, say) is its own bug, or a lower layer's failure:
   * passed on, so the edge logs it and answers 500 rather than blaming the client.
   */
  static Throwable decodeFailure(RuntimeException e) {
    if (e instanceof ClassCastException
        || e instanceof IllegalArgumentException
        || e instanceof DateTimeException
        || e instanceof DecodeException) {
      return ApiError.badRequest("invalid request");
    }
    return e;
  }

  private static Future<VaultResponse> act(Operation<?> op, Object input, RequestContext request) {
    try {
      Future<VaultResponse> result = op.act(input, request);
      return result == null ? Future.failedFuture(ApiError.internal()) : result;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Records an action's outcome; nothing is sent before the returned future succeeds. */
  private record OutcomeRecorder(
      Function<VaultResponse, Future<Void>> response, Function<ApiError, Future<Void>> error) {
    static final OutcomeRecorder NONE =
        new OutcomeRecorder(r -> Future.succeededFuture(), e -> Future.succeededFuture());
  }

  private void finish(
      RoutingContext ctx, Route route, RequestContext request, Future<VaultResponse> result) {
    OutcomeRecorder recorder =
        route.operation.has(Operation.Flag.NOT_AUDITED)
            ? OutcomeRecorder.NONE
            : new OutcomeRecorder(
                response -> audit.response(request, response),
                error -> audit.error(request, error));
    finish(ctx, route, request, result, recorder);
  }

  /**
   * Sends the outcome once {@code recorder} recorded it; when it could not, answers 503 and sends
   * nothing of the result (no secret, and no error that was not recorded either).
   */
  private void finish(
      RoutingContext ctx,
      Route route,
      RequestContext request,
      Future<VaultResponse> result,
      OutcomeRecorder recorder) {
    result.onComplete(
        ar -> {
          if (ar.succeeded()) {
            VaultResponse response = ar.result();
            recorder
                .response()
                .apply(response)
                .onComplete(
                    rec -> {
                      if (rec.succeeded()) {
                        write(ctx, response, request.requestId(), route.mountType);
                      } else {
                        deleteSentFile(ctx, response);
                        ErrorHandler.render(ctx.response(), auditUnavailable());
                      }
                    });
          } else {
            ApiError error = errors.toApiError(request.requestId(), ar.cause());
            recorder
                .error()
                .apply(error)
                .onComplete(
                    rec ->
                        ErrorHandler.render(
                            ctx.response(), rec.succeeded() ? error : auditUnavailable()));
          }
        });
  }

  private static ApiError auditUnavailable() {
    return ApiError.unavailable("audit log unavailable");
  }

  private static void write(
      RoutingContext ctx, VaultResponse result, String requestId, String mountType) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      deleteSentFile(ctx, result);
      return;
    }
    response.setStatusCode(result.status()).putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (result.shape() == VaultResponse.Shape.FILE) {
      response
          .putHeader(HttpHeaders.CONTENT_TYPE, result.contentType())
          .sendFile(result.file().toString())
          .onComplete(ar -> deleteSentFile(ctx, result));
      return;
    }
    Buffer body = result.render(requestId, mountType);
    if (body == null) {
      response.end();
      return;
    }
    String type =
        result.shape() == VaultResponse.Shape.RAW ? result.contentType() : "application/json";
    response.putHeader(HttpHeaders.CONTENT_TYPE, type).end(body);
  }

  private static void deleteSentFile(RoutingContext ctx, VaultResponse result) {
    if (result.file() != null) {
      ctx.vertx().fileSystem().delete(result.file().toString());
    }
  }

  private record Route(
      Operation<?> operation,
      String mountPath,
      String mountType,
      String path,
      Map<String, String> params,
      OperationKind kind) {}

  /**
   * While sealed, only operations marked {@link Operation.Flag#WHILE_SEALED} are served; every
   * other path answers 503, also one that is unknown because the mounts are not loaded.
   */
  private Route routeOrSealed(HttpServerRequest http) {
    boolean isSealed = sealed.getAsBoolean();
    Route route;
    try {
      route = route(http);
    } catch (ApiError e) {
      throw isSealed && e.status() == 404 ? ApiError.sealed() : e;
    }
    if (isSealed && !route.operation.has(Operation.Flag.WHILE_SEALED)) {
      throw ApiError.sealed();
    }
    return route;
  }

  private Route route(HttpServerRequest http) {
    String path = logicalPath(http.path());
    OperationKind kind = kindOf(http);
    OperationLookup.Mounted mounted = lookup.find(path);
    if (mounted == null) {
      throw ApiError.notFound("no handler for route \"" + safeEcho(path) + "\"");
    }
    String rest = path.substring(Math.min(path.length(), mounted.mountPath().length()));
    boolean pathMatched = false;
    for (Operation<?> op : mounted.operations()) {
      Map<String, String> params = op.pattern().match(rest);
      if (params == null) {
        continue;
      }
      pathMatched = true;
      if (op.kind() == kind) {
        return new Route(op, mounted.mountPath(), mounted.mountType(), path, params, kind);
      }
    }
    if (pathMatched) {
      throw ApiError.methodNotAllowed();
    }
    throw ApiError.notFound("no handler for route \"" + safeEcho(path) + "\"");
  }

  /**
   * The logical path below {@code /v1/}, percent-decoded once. Dot segments, encoded or not, and
   * control characters are refused rather than resolved, so no spelling of a path can reach another
   * one past the ACL.
   */
  static String logicalPath(String rawPath) {
    if (rawPath == null || !rawPath.startsWith(API_PREFIX) || rawPath.length() > MAX_PATH_LENGTH) {
      throw ApiError.notFound();
    }
    String decoded;
    try {
      decoded =
          URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8)
              .substring(API_PREFIX.length());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid path encoding");
    }
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw ApiError.badRequest("invalid character in path");
      }
    }
    String[] segments = decoded.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals(".") || s.equals("..")) {
        throw ApiError.badRequest("invalid path: dot segments are not allowed");
      }
      if (s.isEmpty() && i < segments.length - 1) {
        throw ApiError.badRequest("invalid path: empty segment");
      }
    }
    return decoded;
  }

  private static OperationKind kindOf(HttpServerRequest http) {
    HttpMethod method = http.method();
    if (method.name().equals("LIST")) {
      return OperationKind.LIST;
    }
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      String list = http.getParam("list");
      return "true".equalsIgnoreCase(list) ? OperationKind.LIST : OperationKind.READ;
    }
    if (method == HttpMethod.POST || method == HttpMethod.PUT) {
      return OperationKind.WRITE;
    }
    if (method == HttpMethod.DELETE) {
      return OperationKind.DELETE;
    }
    if (method == HttpMethod.PATCH) {
      return OperationKind.PATCH;
    }
    throw ApiError.methodNotAllowed();
  }

  private static RequestContext newContext(RoutingContext ctx, String requestId, Route route) {
    HttpServerRequest http = ctx.request();
    RequestContext request = contextOf(ctx, requestId, route, http);
    HttpServerRequest upload = ctx.get(UPLOAD_KEY);
    if (upload != null) {
      request.attachUpload(upload);
    }
    if (route.operation.has(Operation.Flag.RAW_BODY) && ctx.body().buffer() != null) {
      request.keepRawBody(ctx.body().buffer().getBytes());
    }
    return request;
  }

  private static RequestContext contextOf(
      RoutingContext ctx, String requestId, Route route, HttpServerRequest http) {
    return RequestContext.builder(requestId, route.kind)
        .path(route.path)
        .mount(route.mountPath)
        .params(route.params)
        .query(http.params())
        .body(
            route.operation.has(Operation.Flag.RAW_BODY)
                ? new JsonObject()
                : parseBody(ctx.body().buffer()))
        .token(token(http))
        .remoteAddress(remoteAddress(ctx))
        .peerCertificates(() -> peerCertificates(ctx))
        .headers(http.headers())
        .build();
  }

  private static JsonObject parseBody(Buffer body) {
    if (body == null || body.length() == 0) {
      return new JsonObject();
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      // The parser's message quotes the input, which may be a secret: keep it out.
      throw ApiError.badRequest("failed to parse JSON input");
    }
    if (parsed == null) {
      return new JsonObject();
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiError.badRequest("request body must be a JSON object");
    }
    return object;
  }

  private static Optional<ClientToken> token(HttpServerRequest http) {
    String header = http.getHeader("X-Vault-Token");
    if (header == null) {
      String auth = http.getHeader(HttpHeaders.AUTHORIZATION);
      if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        header = auth.substring(7).trim();
      }
    }
    if (header == null || header.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ClientToken(header));
  }

  private static String remoteAddress(RoutingContext ctx) {
    String forwarded = ctx.get(FORWARDED_REMOTE_ADDRESS_KEY);
    if (forwarded != null) {
      return forwarded;
    }
    HttpServerRequest http = ctx.request();
    return http.remoteAddress() == null ? "" : http.remoteAddress().hostAddress();
  }

  private static List<X509Certificate> peerCertificates(RoutingContext ctx) {
    List<X509Certificate> forwarded = ctx.get(FORWARDED_PEER_CHAIN_KEY);
    if (forwarded != null) {
      return forwarded;
    }
    HttpServerRequest http = ctx.request();
    if (!http.isSSL()) {
      return List.of();
    }
    try {
      List<Certificate> chain = http.connection().peerCertificates();
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : chain) {
        if (c instanceof X509Certificate x) {
          out.add(x);
        }
      }
      return out;
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  private static String safeEcho(String path) {
    return path.length() > 200 ? path.substring(0, 200) + "..." : path;
  }
}
