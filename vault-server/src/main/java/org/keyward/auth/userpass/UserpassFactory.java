package org.keyward.auth.userpass;

import io.vertx.core.WorkerExecutor;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.engine.BackendContext;
import org.keyward.engine.BackendFactory;
import org.keyward.engine.MountedBackend;

/**
 * Makes userpass mounts (type {@code userpass}). All mounts share the token issuer, the lockout and
 * the password hashing pool; each keeps its users in its own storage view.
 */
public final class UserpassFactory implements BackendFactory {
  private final LoginTokenIssuer issuer;
  private final LoginLockout lockout;
  private final WorkerExecutor hashing;

  /**
   * @param hashing the pool Argon2id runs on: small (each hash holds 19 MiB and a core for tens of
   *     milliseconds), and apart from storage workers, so a login flood cannot stall storage
   */
  public UserpassFactory(LoginTokenIssuer issuer, LoginLockout lockout, WorkerExecutor hashing) {
    this.issuer = issuer;
    this.lockout = lockout;
    this.hashing = hashing;
  }

  @Override
  public String type() {
    return "userpass";
  }

  @Override
  public MountedBackend create(BackendContext context) {
    UserStore users = new UserStore(context.storage());
    return new UserpassBackend(
        users,
        new UserRoutes(users, hashing),
        new UserpassLoginRoutes(users, hashing, issuer, lockout));
  }
}
