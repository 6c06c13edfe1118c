package org.keyward.auth.cert;

import java.time.Clock;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.engine.Engine;
import org.keyward.engine.EngineContext;
import org.keyward.engine.EngineFactory;

/**
 * Makes certificate login mounts (type {@code cert}). The clock decides certificate validity, so
 * tests can move it; production passes {@link Clock#systemUTC()}.
 */
public final class CertAuthFactory implements EngineFactory {
  private final LoginTokenIssuer issuer;
  private final LoginLockout lockout;
  private final Clock clock;

  public CertAuthFactory(LoginTokenIssuer issuer, LoginLockout lockout, Clock clock) {
    this.issuer = issuer;
    this.lockout = lockout;
    this.clock = clock;
  }

  @Override
  public String type() {
    return "cert";
  }

  @Override
  public Engine create(EngineContext context) {
    CertRoleStore store = new CertRoleStore(context.storage());
    return new CertAuthEngine(
        store, new CertRoleRoutes(store), new CertLoginRoutes(store, issuer, lockout, clock));
  }
}
