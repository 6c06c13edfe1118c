package org.keyward.server;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The operator console at {@code /ui/}: static files from {@code webroot/ui} in the server jar,
 * each response (a miss included) with headers that keep the page from running anything but its own
 * scripts, from being framed, and from leaking its address. The console keeps its token in the
 * tab's {@code sessionStorage} and sends it as {@code X-Vault-Token}; no cookie is ever set, so no
 * other origin can ride on a login.
 */
final class ConsoleAssets {
  static final String PREFIX = "/ui/";

  /** No inline script or style anywhere: the page is modules and one stylesheet from 'self'. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private ConsoleAssets() {}

  static void mount(Router router) {
    // Vert.x matches "/ui" for "/ui/" too: redirect the bare path only.
    router
        .route("/ui")
        .handler(
            ctx -> {
              if (ctx.request().path().equals("/ui")) {
                ctx.response().setStatusCode(301).putHeader("Location", PREFIX).end();
              } else {
                ctx.next();
              }
            });
    router.route(PREFIX + "*").handler(ConsoleAssets::securityHeaders);
    router
        .route(PREFIX + "*")
        .handler(
            StaticHandler.create("webroot/ui")
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setCachingEnabled(false));
  }

  private static void securityHeaders(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Frame-Options", "DENY");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    headers.set("Cache-Control", "no-cache");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), usb=()");
    ctx.next();
  }
}
