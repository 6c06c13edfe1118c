package org.keyward.auth.cert;

import java.time.Clock;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.engine.BackendContext;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountedBackend;

/**
 * Makes certificate login mounts (type {@code cert}). The clock decides certificate validity, so
 * tests can move it; production passes {@link Clock#systemUTC()}.
 */
public final class CertAuthFactory implements BackendFactory {
  private final LoginTokenIssuer issuer;
  private final LoginLockout lockout;
  private final Clock clock;
  private final LocalRevocationLookup local;
  private final CertOcspClient ocsp = new CertOcspClient();

  public CertAuthFactory(LoginTokenIssuer issuer, LoginLockout lockout, Clock clock) {
    this(issuer, lockout, clock, LocalRevocationLookup.NONE);
  }

  /**
   * @param local answers for certificates this server's own PKI mounts issued
   */
  public CertAuthFactory(
      LoginTokenIssuer issuer, LoginLockout lockout, Clock clock, LocalRevocationLookup local) {
    this.issuer = issuer;
    this.lockout = lockout;
    this.clock = clock;
    this.local = local;
  }

  @Override
  public String type() {
    return "cert";
  }

  @Override
  public MountedBackend create(BackendContext context) {
    CertRoleStore store = new CertRoleStore(context.storage());
    CertCrlStore crls = new CertCrlStore(context.storage());
    CertRevocationCheck revocation = new CertRevocationCheck(context.vertx(), local, crls, ocsp);
    return new CertAuthBackend(
        store,
        new CertRoleRoutes(store),
        new CertLoginRoutes(store, issuer, lockout, revocation, clock),
        new CertCrlRoutes(crls));
  }
}
