package org.keyward.auth.cert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.engine.ComplianceFacts;
import org.keyward.engine.MountedBackend;
import org.keyward.http.Operation;

/**
 * The TLS certificate login method of one mount (e.g. {@code auth/cert/}): trusted certificate
 * roles, uploaded CRLs of outside CAs and the unauthenticated {@code login}, which needs the server
 * to request client certificates on its TLS listener.
 */
public final class CertAuthBackend implements MountedBackend, ComplianceFacts {
  private final CertRoleStore store;
  private final CertRoleRoutes roleRoutes;
  private final CertLoginRoutes loginRoutes;
  private final CertCrlRoutes crlRoutes;

  CertAuthBackend(
      CertRoleStore store,
      CertRoleRoutes roleRoutes,
      CertLoginRoutes loginRoutes,
      CertCrlRoutes crlRoutes) {
    this.store = store;
    this.roleRoutes = roleRoutes;
    this.loginRoutes = loginRoutes;
    this.crlRoutes = crlRoutes;
  }

  @Override
  public List<Operation<?>> operations() {
    return List.of(
        Operation.write("login", CertRoleRequests.Login::from, loginRoutes::login)
            .with(Operation.Flag.UNAUTHENTICATED),
        Operation.list("certs", r -> null, roleRoutes::list),
        Operation.write("certs/:name", CertRoleRequests::write, roleRoutes::write),
        Operation.read("certs/:name", CertRoleRequests.CertName::from, roleRoutes::read),
        Operation.delete("certs/:name", CertRoleRequests.CertName::from, roleRoutes::delete),
        Operation.list("crls", r -> null, crlRoutes::list),
        Operation.write("crls/:name", CertCrlRoutes.CrlWrite::from, crlRoutes::write),
        Operation.read("crls/:name", CertRoleRequests.CertName::from, crlRoutes::read),
        Operation.delete("crls/:name", CertRoleRequests.CertName::from, crlRoutes::delete));
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
