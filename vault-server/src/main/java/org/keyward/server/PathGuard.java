package org.keyward.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.keyward.http.ApiError;
import org.keyward.http.ErrorHandler;

/**
 * The first handler of every request: refuses a raw path holding a dot segment ({@code ..}, {@code
 * .}, or either percent-encoded) with 400, before the router normalises it into some other path.
 * Without it {@code /v1/secret/../sys/x} would be routed as {@code /v1/sys/x}.
 */
final class PathGuard implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    String raw = ctx.request().path();
    if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
      ErrorHandler.render(ctx.response(), ApiError.badRequest("invalid path"));
      return;
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      ErrorHandler.render(ctx.response(), ApiError.badRequest("invalid path encoding"));
      return;
    }
    for (String segment : decoded.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        ErrorHandler.render(
            ctx.response(), ApiError.badRequest("invalid path: dot segments are not allowed"));
        return;
      }
    }
    ctx.next();
  }
}
