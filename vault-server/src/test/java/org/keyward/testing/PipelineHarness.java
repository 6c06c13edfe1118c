package org.keyward.testing;

import static org.keyward.testing.Futures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.keyward.http.ApiError;
import org.keyward.http.AuditSink;
import org.keyward.http.Authenticator;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.http.ErrorHandler;
import org.keyward.http.Operation;
import org.keyward.http.OperationLookup;
import org.keyward.http.RequestPipeline;
import org.keyward.server.BarrierErrorTranslator;

/**
 * The real {@link RequestPipeline} behind a Vert.x server on 127.0.0.1, port 0, with the server's
 * own error mapping: the one pipeline harness. Build it with what a test needs and nothing else:
 *
 * <pre>{@code
 * PipelineHarness server =
 *     PipelineHarness.builder(vertx).mount("secret/", "kv", engine.operations()).start();
 * HttpResponse<Buffer> r = server.root(HttpMethod.GET, "secret/data/a", null);
 * }</pre>
 *
 * Defaults: one root token ({@link #ROOT_TOKEN}), {@link Authorizer#ROOT_ONLY}, {@link
 * AuditSink#NONE}, never sealed, plain HTTP, a 1 MiB body limit. Methods block the test thread
 * (never an event loop) with a timeout, so a hung request fails the test instead of hanging it.
 */
public final class PipelineHarness implements AutoCloseable {
  public static final String ROOT_TOKEN = "pipeline-harness-root-token";
  public static final Caller ROOT_CALLER =
      new Caller("accessor-root", Set.of("root"), "root", "auth/token/root", "", Map.of());
  private static final long TIMEOUT_SECONDS = 20;

  private final HttpServer server;
  private final WebClient client;
  private final String rootToken;
  private final List<WebClient> clients = new ArrayList<>();
  private final Vertx vertx;

  private final List<Runnable> onClose;

  private PipelineHarness(
      Vertx vertx, HttpServer server, WebClient client, String rootToken, List<Runnable> onClose) {
    this.vertx = vertx;
    this.onClose = onClose;
    this.server = server;
    this.client = client;
    this.rootToken = rootToken;
  }

  public static Builder builder(Vertx vertx) {
    return new Builder(vertx);
  }

  /** What the harness serves and how it decides; every setting has a default. */
  public static final class Builder {
    private final Vertx vertx;
    private final Map<String, OperationLookup.Mounted> mounts = new LinkedHashMap<>();
    private final Map<String, Caller> tokens = new LinkedHashMap<>();
    private OperationLookup lookup;
    private Authenticator authenticator;
    private Authorizer authorizer = Authorizer.ROOT_ONLY;
    private AuditSink audit = AuditSink.NONE;
    private BooleanSupplier sealed = () -> false;
    private long bodyLimit = 1 << 20;
    private HttpServerOptions serverOptions = new HttpServerOptions();
    private String rootToken = ROOT_TOKEN;
    private final List<Runnable> onClose = new ArrayList<>();

    private Builder(Vertx vertx) {
      this.vertx = vertx;
      tokens.put(ROOT_TOKEN, ROOT_CALLER);
    }

    /** Serves {@code operations} below {@code path} (ending in '/'), longest prefix first. */
    public Builder mount(String path, String type, List<Operation<?>> operations) {
      mounts.put(path, new OperationLookup.Mounted(path, type, operations));
      return this;
    }

    /** Routes by {@code lookup} (a real mount table, say) instead of {@link #mount}s. */
    public Builder lookup(OperationLookup lookup) {
      this.lookup = lookup;
      return this;
    }

    /** Another token the default authenticator accepts, as {@code caller}. */
    public Builder token(String token, Caller caller) {
      tokens.put(token, caller);
      return this;
    }

    /**
     * The token {@link PipelineHarness#root} sends, e.g. one a real token store issued for the
     * {@link #authenticator} it backs; {@link #ROOT_TOKEN} by default.
     */
    public Builder rootToken(String token) {
      this.rootToken = token;
      return this;
    }

    /** Replaces the fixed-token authenticator (with a real token store, say). */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    public Builder authorizer(Authorizer authorizer) {
      this.authorizer = authorizer;
      return this;
    }

    public Builder audit(AuditSink audit) {
      this.audit = audit;
      return this;
    }

    public Builder sealed(BooleanSupplier sealed) {
      this.sealed = sealed;
      return this;
    }

    public Builder bodyLimit(long bytes) {
      this.bodyLimit = bytes;
      return this;
    }

    /** Runs at {@link PipelineHarness#close} after the server stops, e.g. to stop an engine. */
    public Builder onClose(Runnable action) {
      onClose.add(action);
      return this;
    }

    /** Listener options, e.g. TLS with a requested client certificate; host and port are set. */
    public Builder serverOptions(HttpServerOptions options) {
      this.serverOptions = options;
      return this;
    }

    /** Starts listening; blocks the calling (test) thread until it does. */
    public PipelineHarness start() {
      RequestPipeline pipeline =
          new RequestPipeline(
              lookup != null ? lookup : byLongestPrefix(List.copyOf(mounts.values())),
              sealed,
              authenticator != null ? authenticator : fixedTokens(Map.copyOf(tokens)),
              authorizer,
              audit,
              new ErrorHandler(BarrierErrorTranslator.INSTANCE));
      Router router = Router.router(vertx);
      router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
      router.route("/v1/*").handler(pipeline);
      router.route().failureHandler(pipeline.errors());
      HttpServerOptions options =
          new HttpServerOptions(serverOptions).setHost("127.0.0.1").setPort(0);
      HttpServer server = await(vertx.createHttpServer(options).requestHandler(router).listen());
      return new PipelineHarness(
          vertx, server, WebClient.create(vertx), rootToken, List.copyOf(onClose));
    }

    private static OperationLookup byLongestPrefix(List<OperationLookup.Mounted> mounted) {
      return path -> {
        OperationLookup.Mounted best = null;
        for (OperationLookup.Mounted m : mounted) {
          boolean under =
              path.startsWith(m.mountPath())
                  || path.equals(m.mountPath().substring(0, m.mountPath().length() - 1));
          if (under && (best == null || m.mountPath().length() > best.mountPath().length())) {
            best = m;
          }
        }
        return best;
      };
    }

    private static Authenticator fixedTokens(Map<String, Caller> tokens) {
      return (token, request) -> {
        Caller caller = tokens.get(token.reveal());
        return caller != null
            ? Future.succeededFuture(caller)
            : Future.failedFuture(ApiError.permissionDenied());
      };
    }
  }

  public int port() {
    return server.actualPort();
  }

  /**
   * Another client of this server, with its own {@code options} (TLS trust, a client certificate);
   * the default host and port are set, and it is closed with the harness.
   */
  public WebClient client(WebClientOptions options) {
    WebClient other =
        WebClient.create(
            vertx,
            new WebClientOptions(options)
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));
    clients.add(other);
    return other;
  }

  /** A request to {@code /v1/<path>} on this server, to add headers to before sending. */
  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return requestUri(method, "/v1/" + path);
  }

  /** A request to any URI on this server, {@code /v1/} or not. */
  public HttpRequest<Buffer> requestUri(HttpMethod method, String uri) {
    return client.request(method, server.actualPort(), "127.0.0.1", uri);
  }

  /** Sends with {@code X-Vault-Token} (none if {@code token} is null) and a JSON body if given. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    return await(sendAsync(method, path, token, body == null ? null : body.toBuffer()));
  }

  /** As {@link #send} with the root token. */
  public HttpResponse<Buffer> root(HttpMethod method, String path, JsonObject body) {
    return send(method, path, rootToken, body);
  }

  /** As {@link #root} with extra headers, e.g. a {@code Content-Type}. */
  public HttpResponse<Buffer> root(
      HttpMethod method, String path, JsonObject body, Map<String, String> headers) {
    HttpRequest<Buffer> request = request(method, path).putHeader("X-Vault-Token", rootToken);
    headers.forEach(request::putHeader);
    return await(body == null ? request.send() : request.sendBuffer(body.toBuffer()));
  }

  /** A JSON answer: the status and the body ({@code {}} when there is none). */
  public record Response(int status, JsonObject body) {
    public JsonObject data() {
      return body.getJsonObject("data");
    }

    public List<String> errors() {
      List<String> out = new ArrayList<>();
      body.getJsonArray("errors", new JsonArray()).forEach(e -> out.add((String) e));
      return out;
    }
  }

  /** POSTs {@code body} as JSON as root; the answer as a {@link Response}. */
  public Response post(String path, JsonObject body) {
    return json(HttpMethod.POST, path, body);
  }

  public Response get(String path) {
    return json(HttpMethod.GET, path, null);
  }

  public Response list(String path) {
    return json(HttpMethod.valueOf("LIST"), path, null);
  }

  public Response delete(String path) {
    return json(HttpMethod.DELETE, path, null);
  }

  private Response json(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = request(method, path).putHeader("X-Vault-Token", rootToken);
    HttpResponse<Buffer> r = await(body == null ? request.send() : request.sendJsonObject(body));
    Buffer b = r.body();
    return new Response(
        r.statusCode(), b == null || b.length() == 0 ? new JsonObject() : b.toJsonObject());
  }

  /** The token {@link #root} sends. */
  public String rootToken() {
    return rootToken;
  }

  /** Starts a request without waiting, for concurrent callers; {@code body} may be any bytes. */
  public Future<HttpResponse<Buffer>> sendAsync(
      HttpMethod method, String path, String token, Buffer body) {
    HttpRequest<Buffer> request = request(method, path);
    if (token != null) {
      request.putHeader("X-Vault-Token", token);
    }
    return body == null ? request.send() : request.sendBuffer(body);
  }

  @Override
  public void close() {
    clients.forEach(WebClient::close);
    client.close();
    await(server.close());
    onClose.forEach(Runnable::run);
  }

  /** The messages of a Vault error body. */
  public static List<String> errors(HttpResponse<Buffer> response) {
    List<String> out = new ArrayList<>();
    response.bodyAsJsonObject().getJsonArray("errors").forEach(e -> out.add((String) e));
    return out;
  }
}
