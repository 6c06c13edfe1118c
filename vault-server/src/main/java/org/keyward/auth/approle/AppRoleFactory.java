package org.keyward.auth.approle;

import java.time.Clock;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.engine.BackendContext;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountedBackend;

/**
 * Makes AppRole mounts (type {@code approle}). All mounts share the token issuer and the lockout;
 * each keeps its roles, secret ids and HMAC key in its own storage view.
 */
public final class AppRoleFactory implements BackendFactory {
  private final LoginTokenIssuer issuer;
  private final LoginLockout lockout;
  private final Clock clock;

  public AppRoleFactory(LoginTokenIssuer issuer, LoginLockout lockout, Clock clock) {
    this.issuer = issuer;
    this.lockout = lockout;
    this.clock = clock;
  }

  @Override
  public String type() {
    return "approle";
  }

  @Override
  public MountedBackend create(BackendContext context) {
    MountKey key = new MountKey(context.storage());
    SecretIdStore secretIds = new SecretIdStore(context.storage(), key, clock);
    AppRoleStore roles = new AppRoleStore(context.storage(), key, secretIds);
    return new AppRoleBackend(
        context.vertx(),
        roles,
        secretIds,
        new AppRoleLoginRoutes(roles, secretIds, issuer, lockout));
  }
}
