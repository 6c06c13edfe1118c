package org.keyward.auth.cert;

import java.util.List;
import org.keyward.engine.Engine;
import org.keyward.http.Operation;

/**
 * The TLS certificate login method of one mount (e.g. {@code auth/cert/}): trusted certificate
 * roles and the unauthenticated {@code login}, which needs the server to request client
 * certificates on its TLS listener.
 */
public final class CertAuthEngine implements Engine {
  private final CertRoleRoutes roleRoutes;
  private final CertLoginRoutes loginRoutes;

  CertAuthEngine(CertRoleRoutes roleRoutes, CertLoginRoutes loginRoutes) {
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
}
