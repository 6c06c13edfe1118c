package org.keyward.policy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * The {@code sys/policy} routes over an {@link InMemoryStorageView}, served by the {@link
 * PipelineHarness} with a root and a user token, and either {@code ROOT_ONLY} ACLs or the store's
 * live ones.
 */
final class PolicyTestServer {
  static final String ROOT_TOKEN = PipelineHarness.ROOT_TOKEN;
  static final String USER_TOKEN = "user-token-for-tests";

  final InMemoryStorageView storage = new InMemoryStorageView();
  final PolicyStore store = new PolicyStore(storage.sub("sys/policy/"));
  private PipelineHarness harness;

  private PolicyTestServer() {}

  /** Starts with {@link Authorizer#ROOT_ONLY}, or with the store's live ACL if {@code useAcl}. */
  static Future<PolicyTestServer> start(Vertx vertx, boolean useAcl) {
    PolicyTestServer s = new PolicyTestServer();
    s.harness =
        PipelineHarness.builder(vertx)
            .mount("sys/", "system", new PolicyRoutes(s.store).operations())
            .token(
                USER_TOKEN,
                new Caller(
                    "user-accessor",
                    Set.of("default", "user"),
                    "test",
                    "auth/token/create",
                    "",
                    Map.of()))
            .authorizer(useAcl ? s.store.authorizer() : Authorizer.ROOT_ONLY)
            .start();
    return Future.succeededFuture(s);
  }

  int port() {
    return harness.port();
  }

  Future<Void> close() {
    harness.close();
    return Future.succeededFuture();
  }
}
