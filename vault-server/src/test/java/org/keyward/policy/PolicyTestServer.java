package org.keyward.policy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Set;
import org.keyward.http.ApiError;
import org.keyward.http.AuditSink;
import org.keyward.http.Authenticator;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.http.ErrorHandler;
import org.keyward.http.OperationLookup;
import org.keyward.http.RequestPipeline;
import org.keyward.view.InMemoryStorageView;

/**
 * A real HTTP server on port 0 running the real {@link RequestPipeline} with only the policy routes
 * mounted under {@code sys/}. Tokens: {@link #ROOT_TOKEN} (policy root) and {@link #USER_TOKEN}
 * (policies default and user); anything else is refused.
 */
final class PolicyTestServer {
  static final String ROOT_TOKEN = "root-token-for-tests";
  static final String USER_TOKEN = "user-token-for-tests";

  final InMemoryStorageView storage = new InMemoryStorageView();
  final PolicyStore store = new PolicyStore(storage.sub("sys/policy/"));
  private HttpServer server;

  private PolicyTestServer() {}

  /** Starts with {@link Authorizer#ROOT_ONLY}, or with the store's live ACL if {@code useAcl}. */
  static Future<PolicyTestServer> start(Vertx vertx, boolean useAcl) {
    PolicyTestServer s = new PolicyTestServer();
    OperationLookup.Mounted sys =
        new OperationLookup.Mounted("sys/", "system", new PolicyRoutes(s.store).operations());
    OperationLookup lookup = path -> path.startsWith("sys/") ? sys : null;
    Authenticator tokens =
        (token, request) -> {
          switch (token.reveal()) {
            case ROOT_TOKEN:
              return Future.succeededFuture(caller("root-accessor", "root"));
            case USER_TOKEN:
              return Future.succeededFuture(caller("user-accessor", "default", "user"));
            default:
              return Future.failedFuture(ApiError.permissionDenied());
          }
        };
    Authorizer authorizer = useAcl ? s.store.authorizer() : Authorizer.ROOT_ONLY;
    RequestPipeline pipeline =
        new RequestPipeline(lookup, () -> false, tokens, authorizer, AuditSink.NONE);
    Router router = Router.router(vertx);
    router.route("/v1/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024)).handler(pipeline);
    router.route().failureHandler(new ErrorHandler());
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .map(
            server -> {
              s.server = server;
              return s;
            });
  }

  private static Caller caller(String accessor, String... policies) {
    return new Caller(accessor, Set.of(policies), "test", "auth/token/create", "", Map.of());
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    return server.close();
  }
}
