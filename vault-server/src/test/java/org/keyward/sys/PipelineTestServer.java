package org.keyward.sys;

import static org.keyward.auth.TestFutures.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.keyward.auth.TokenAuthenticator;
import org.keyward.auth.TokenRoutes;
import org.keyward.auth.TokenStore;
import org.keyward.engine.EngineFactory;
import org.keyward.http.AuditSink;
import org.keyward.http.Authorizer;
import org.keyward.http.ErrorHandler;
import org.keyward.http.Operation;
import org.keyward.http.RequestPipeline;
import org.keyward.view.InMemoryStorageView;

/**
 * The real {@link RequestPipeline} on a plain-HTTP Vert.x server on port 0, wired with the mount
 * table, the token store and routes over one {@link InMemoryStorageView}, {@link
 * Authorizer#ROOT_ONLY} and {@link AuditSink#NONE}. Its methods block the test thread (never an
 * event loop) until the response arrives.
 */
public final class PipelineTestServer implements AutoCloseable {
  public final InMemoryStorageView storage = new InMemoryStorageView();
  public final MountTable mounts;
  public final TokenStore tokens;
  public final String rootToken;
  private final HttpServer server;
  private final WebClient client;

  private PipelineTestServer(Vertx vertx, List<EngineFactory> factories) {
    tokens = new TokenStore(storage.sub("sys/token/"), Clock.systemUTC());
    mounts = new MountTable(vertx, storage.sub("sys/"), storage::sub, factories);
    List<Operation<?>> sys = new ArrayList<>(new SysMountsRoutes(mounts).operations());
    sys.addAll(new SysInternalUiRoutes(mounts).operations());
    mounts.addBuiltIn("sys/", "system", "system endpoints", sys);
    mounts.addBuiltIn(
        TokenRoutes.MOUNT_PATH,
        TokenRoutes.MOUNT_TYPE,
        "token based credentials",
        new TokenRoutes(tokens).operations());
    await(mounts.load());
    rootToken = await(tokens.issueRootToken());
    RequestPipeline pipeline =
        new RequestPipeline(
            mounts,
            () -> false,
            new TokenAuthenticator(tokens),
            Authorizer.ROOT_ONLY,
            AuditSink.NONE);
    Router router = Router.router(vertx);
    router.route("/v1/*").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(pipeline);
    router.route().failureHandler(new ErrorHandler());
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  public static PipelineTestServer start(Vertx vertx, EngineFactory... factories) {
    return new PipelineTestServer(vertx, List.of(factories));
  }

  /** Sends with {@code X-Vault-Token} (none if {@code token} is null) and a JSON body if given. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = request(method, path);
    if (token != null) {
      request.putHeader("X-Vault-Token", token);
    }
    return send(request, body);
  }

  /** Sends with one arbitrary header, e.g. {@code Authorization: Bearer ...}. */
  public HttpResponse<Buffer> sendWithHeader(
      HttpMethod method, String path, String header, String value, JsonObject body) {
    return send(request(method, path).putHeader(header, value), body);
  }

  /** The port the server listens on (127.0.0.1, plain HTTP). */
  public int port() {
    return server.actualPort();
  }

  public HttpResponse<Buffer> root(HttpMethod method, String path, JsonObject body) {
    return send(method, path, rootToken, body);
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, server.actualPort(), "127.0.0.1", "/v1/" + path);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  @Override
  public void close() {
    client.close();
    await(server.close());
  }
}
