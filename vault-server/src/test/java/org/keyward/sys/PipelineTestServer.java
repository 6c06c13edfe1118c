package org.keyward.sys;

import static org.keyward.auth.TestFutures.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.keyward.auth.TokenAuthenticator;
import org.keyward.auth.TokenRoutes;
import org.keyward.auth.TokenStore;
import org.keyward.engine.BackendFactory;
import org.keyward.http.Operation;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * The mount table, the token store and their routes over one {@link InMemoryStorageView}, served by
 * the {@link PipelineHarness} with real token authentication, {@code ROOT_ONLY} ACLs and no audit.
 * Its methods block the test thread (never an event loop) until the response arrives.
 */
public final class PipelineTestServer implements AutoCloseable {
  public final InMemoryStorageView storage = new InMemoryStorageView();
  public final MountTable mounts;
  public final TokenStore tokens;
  public final String rootToken;
  private final PipelineHarness harness;

  private PipelineTestServer(Vertx vertx, List<BackendFactory> factories) {
    tokens = new TokenStore(storage.sub("sys/token/"), Clock.systemUTC());
    mounts = new MountTable(vertx, storage.sub("sys/"), storage::sub, factories);
    List<Operation<?>> sys = new ArrayList<>(SysMountRoutes.secrets(mounts).operations());
    sys.addAll(new SysInternalUiRoutes(mounts).operations());
    mounts.addBuiltIn("sys/", "system", "system endpoints", sys);
    mounts.addBuiltIn(
        TokenRoutes.MOUNT_PATH,
        TokenRoutes.MOUNT_TYPE,
        "token based credentials",
        new TokenRoutes(tokens).operations());
    await(mounts.load());
    rootToken = await(tokens.issueRootToken());
    harness =
        PipelineHarness.builder(vertx)
            .lookup(mounts)
            .authenticator(new TokenAuthenticator(tokens))
            .start();
  }

  public static PipelineTestServer start(Vertx vertx, BackendFactory... factories) {
    return new PipelineTestServer(vertx, List.of(factories));
  }

  /** Sends with {@code X-Vault-Token} (none if {@code token} is null) and a JSON body if given. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    return harness.send(method, path, token, body);
  }

  /** Sends with one arbitrary header, e.g. {@code Authorization: Bearer ...}. */
  public HttpResponse<Buffer> sendWithHeader(
      HttpMethod method, String path, String header, String value, JsonObject body) {
    HttpRequest<Buffer> request = harness.request(method, path).putHeader(header, value);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  /** The port the server listens on (127.0.0.1, plain HTTP). */
  public int port() {
    return harness.port();
  }

  public HttpResponse<Buffer> root(HttpMethod method, String path, JsonObject body) {
    return send(method, path, rootToken, body);
  }

  @Override
  public void close() {
    harness.close();
  }
}
