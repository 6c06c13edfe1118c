package org.keyward.auth.cert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.engine.ComplianceFacts;
import org.keyward.engine.Engine;
import org.keyward.http.Operation;

/**
 * The TLS certificate login method of one mount (e.g. {@code auth/cert/}): trusted certificate
 * roles and the unauthenticated {@code login}, which needs the server to request client
 * certificates on its TLS listener.
 */
public final class CertAuthEngine implements Engine, ComplianceFacts {
  private final CertRoleStore store;
  private final CertRoleRoutes roleRoutes;
  private final CertLoginRoutes loginRoutes;

  CertAuthEngine(CertRoleStore store, CertRoleRoutes roleRoutes, CertLoginRoutes loginRoutes) {
    this.store = store;
    this.roleRoutes = roleRoutes;
    this.loginRoutes = loginRoutes;
  }

  @Override
  public List<Operation<?>> operations() {
    return List.of(
        Operation.write("login", CertRoleRequests.Login::from, loginRoutes::login)
            .with(Operation.Flag.UNAUTHENTICATED),
        Operation.list("certs", r -> null, roleRoutes::list),
        Operation.write("certs/:name", CertRoleRequests::write, roleRoutes::write),
        Operation.read("certs/:name", CertRoleRequests.CertName::from, roleRoutes::read),
        Operation.delete("certs/:name", CertRoleRequests.CertName::from, roleRoutes::delete));
  }

  /** The certificate roles and the policies each grants, for the compliance report. */
  @Override
  public Future<JsonObject> complianceFacts() {
    return store
        .all()
        .map(
            roles -> {
              JsonArray out = new JsonArray();
              roles.forEach(
                  r ->
                      out.add(
                          new JsonObject()
                              .put("name", r.name())
                              .put("policies", new JsonArray(r.tokenPolicies()))));
              return new JsonObject().put("roles", out);
            });
  }
}
