package org.keyward.auth.userpass;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.engine.ComplianceFacts;
import org.keyward.engine.MountedBackend;
import org.keyward.http.Operation;

/**
 * The userpass login method of one mount (e.g. {@code auth/userpass/}), in Vault's paths: user
 * administration under {@code users/} and the unauthenticated {@code login/:username}.
 */
public final class UserpassBackend implements MountedBackend, ComplianceFacts {
  private final UserStore users;
  private final UserRoutes userRoutes;
  private final UserpassLoginRoutes loginRoutes;

  UserpassBackend(UserStore users, UserRoutes userRoutes, UserpassLoginRoutes loginRoutes) {
    this.users = users;
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

  /** The users and the policies each is granted, for the compliance report; never a hash. */
  @Override
  public Future<JsonObject> complianceFacts() {
    return users
        .names()
        .compose(
            names -> {
              List<Future<Optional<UserEntry>>> reads = new ArrayList<>();
              names.forEach(n -> reads.add(users.get(new UserName(n))));
              return Future.all(reads)
                  .map(
                      all -> {
                        JsonArray out = new JsonArray();
                        reads.forEach(
                            f ->
                                f.result()
                                    .ifPresent(
                                        u ->
                                            out.add(
                                                new JsonObject()
                                                    .put("name", u.name())
                                                    .put(
                                                        "policies",
                                                        new JsonArray(
                                                            new ArrayList<>(u.tokenPolicies()))))));
                        return new JsonObject().put("users", out);
                      });
            });
  }
}
