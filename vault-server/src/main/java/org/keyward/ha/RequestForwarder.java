package org.keyward.ha;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.keyward.http.ApiError;
import org.keyward.http.ErrorHandler;
import org.keyward.http.RequestPipeline;
import org.keyward.sys.HaStatus;

/**
 * On a standby, sends every request except {@code sys/health}, {@code sys/seal-status} and {@code
 * sys/leader} to the active node over TLS and relays its answer: method, path and query, headers
 * (the token included) and body unchanged, plus the client's certificate chain and address in
 * {@link ForwardedHeaders}. The connection to the active presents this node's own listener
 * certificate, which is how the active knows those headers come from a node. When no active is
 * known or it does not answer within the timeout, the client gets 503 with an {@code errors} body.
 */
public final class RequestForwarder implements Handler<RoutingContext> {
  private static final System.Logger LOG = System.getLogger(RequestForwarder.class.getName());
  private static final Set<String> LOCAL =
      Set.of("/v1/sys/health", "/v1/sys/seal-status", "/v1/sys/leader");
  // Hop-by-hop headers, and the ones this node sets itself.
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "connection",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "proxy-connection",
          "content-length",
          ForwardedHeaders.CLIENT_CERT.toLowerCase(Locale.ROOT),
          ForwardedHeaders.CLIENT_ADDRESS.toLowerCase(Locale.ROOT));

  static final String FORWARDED_BY = "X-Keyward-Forwarded-By-Node";

  private final HaStatus ha;
  private final HttpClient client;
  private final long timeoutMillis;

  /**
   * @param client TLS client trusting the node CA and presenting this node's certificate
   */
  public RequestForwarder(HaStatus ha, HttpClient client, long timeoutMillis) {
    this.ha = ha;
    this.client = client;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!ha.haEnabled() || ha.isActive() || LOCAL.contains(ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    HaStatus.Leader leader = ha.leader().filter(l -> !l.isSelf()).orElse(null);
    // Never forward twice: two standbys that each see the other as leader would loop.
    if (leader == null || ctx.request().getHeader(FORWARDED_BY) != null) {
      ErrorHandler.render(
          ctx.response(), ApiError.unavailable("no active node to forward the request to"));
      return;
    }
    HttpServerRequest in = ctx.request();
    RequestOptions options =
        new RequestOptions()
            .setMethod(in.method())
            .setAbsoluteURI(leader.address() + in.uri())
            .setTimeout(timeoutMillis)
            .setConnectTimeout(Math.min(timeoutMillis, 2000));
    in.headers()
        .forEach(
            h -> {
              if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                options.addHeader(h.getKey(), h.getValue());
              }
            });
    List<X509Certificate> chain = peerChain(in);
    if (!chain.isEmpty()) {
      options.putHeader(ForwardedHeaders.CLIENT_CERT, ForwardedHeaders.encode(chain));
    }
    options.putHeader(FORWARDED_BY, "1");
    if (in.remoteAddress() != null) {
      options.putHeader(ForwardedHeaders.CLIENT_ADDRESS, in.remoteAddress().hostAddress());
    }
    // A snapshot restore or drill upload was left unread for the operation to stream: stream it
    // on to the active as it arrives instead of sending an empty body.
    boolean streamed = ctx.get(RequestPipeline.UPLOAD_KEY) != null;
    client
        .request(options)
        .compose(req -> streamed ? req.setChunked(true).send(in) : req.send(body(ctx)))
        .compose(resp -> relay(ctx, resp))
        .onFailure(
            e -> {
              LOG.log(Level.WARNING, "forwarding to the active node failed: " + e.getMessage());
              if (!ctx.response().headWritten()) {
                ErrorHandler.render(
                    ctx.response(), ApiError.unavailable("the active node cannot be reached"));
              } else {
                ctx.response().reset();
              }
            });
  }

  private static Buffer body(RoutingContext ctx) {
    return ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
  }

  /**
   * Relays the active's answer as it arrives (a snapshot download is far larger than the heap
   * should hold), with its length when the active gave one.
   */
  private static Future<Void> relay(RoutingContext ctx, HttpClientResponse resp) {
    MultiMap out = ctx.response().headers();
    resp.headers()
        .forEach(
            h -> {
              if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.add(h.getKey(), h.getValue());
              }
            });
    String length = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      out.set(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      ctx.response().setChunked(true);
    }
    ctx.response().setStatusCode(resp.statusCode());
    return resp.pipeTo(ctx.response());
  }

  private static List<X509Certificate> peerChain(HttpServerRequest in) {
    if (!in.isSSL()) {
      return List.of();
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : in.connection().peerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
    return chain;
  }
}
