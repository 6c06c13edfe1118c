package org.keyward.auth.userpass;

import java.util.List;
import org.keyward.engine.Engine;
import org.keyward.http.Operation;

/**
 * The userpass login method of one mount (e.g. {@code auth/userpass/}), in Vault's paths: user
 * administration under {@code users/} and the unauthenticated {@code login/:username}.
 */
public final class UserpassEngine implements Engine {
  private final UserRoutes userRoutes;
  private final UserpassLoginRoutes loginRoutes;

  UserpassEngine(UserRoutes userRoutes, UserpassLoginRoutes loginRoutes) {
    this.userRoutes = userRoutes;
    this.loginRoutes = loginRoutes;
  }

  @Override
  public List<Operation<?>> operations() {
    return List.of(
        Operation.write("login/:username", UserpassRequests.Login::from, loginRoutes::login)
            .with(Operation.Flag.UNAUTHENTICATED),
        Operation.list("users", r -> null, userRoutes::list),
        Operation.write(
            "users/:username/password",
            UserpassRequests.SetPassword::from,
            userRoutes::setPassword),
        Operation.write("users/:username", UserpassRequests.WriteUser::from, userRoutes::write),
        Operation.read("users/:username", UserName::from, userRoutes::read),
        Operation.delete("users/:username", UserName::from, userRoutes::delete));
  }
}
