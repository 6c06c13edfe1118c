package org.keyward.auth.approle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.engine.ComplianceFacts;
import org.keyward.engine.MountedBackend;
import org.keyward.http.Operation;

/**
 * The AppRole login method of one mount (e.g. {@code auth/approle/}): role administration, secret
 * ids and the unauthenticated {@code login}. Expired secret ids are deleted when met and by a
 * periodic tidy while started.
 */
public final class AppRoleBackend implements MountedBackend, ComplianceFacts {
  static final long TIDY_INTERVAL_MS = 10 * 60 * 1000L;
  private static final System.Logger LOG = System.getLogger(AppRoleBackend.class.getName());

  private final Vertx vertx;
  private final SecretIdStore secretIds;
  private final AppRoleStore roles;
  private final AppRoleRoleRoutes roleRoutes;
  private final AppRoleSecretIdRoutes secretIdRoutes;
  private final AppRoleLoginRoutes loginRoutes;
  private long tidyTimer = -1;

  AppRoleBackend(
      Vertx vertx, AppRoleStore roles, SecretIdStore secretIds, AppRoleLoginRoutes loginRoutes) {
    this.vertx = vertx;
    this.secretIds = secretIds;
    this.roles = roles;
    this.roleRoutes = new AppRoleRoleRoutes(roles);
    this.secretIdRoutes = new AppRoleSecretIdRoutes(roles, secretIds);
    this.loginRoutes = loginRoutes;
  }

  @Override
  public List<Operation<?>> operations() {
    return List.of(
        Operation.write("login", AppRoleRequests.Login::from, loginRoutes::login)
            .with(Operation.Flag.UNAUTHENTICATED),
        Operation.list("role", r -> null, roleRoutes::list),
        Operation.write("role/:role_name", RoleSettings::from, roleRoutes::write),
        Operation.read("role/:role_name", RoleName::from, roleRoutes::read),
        Operation.delete("role/:role_name", RoleName::from, roleRoutes::delete),
        Operation.read("role/:role_name/role-id", RoleName::from, roleRoutes::readRoleId),
        Operation.write(
            "role/:role_name/role-id", AppRoleRequests.SetRoleId::from, roleRoutes::writeRoleId),
        Operation.write(
            "role/:role_name/secret-id",
            AppRoleRequests.CreateSecretId::from,
            secretIdRoutes::create),
        Operation.list("role/:role_name/secret-id", RoleName::from, secretIdRoutes::list),
        Operation.write(
            "role/:role_name/secret-id/lookup",
            AppRoleRequests.SecretIdRef::from,
            secretIdRoutes::lookup),
        Operation.write(
            "role/:role_name/secret-id/destroy",
            AppRoleRequests.SecretIdRef::from,
            secretIdRoutes::destroy),
        Operation.write(
            "role/:role_name/secret-id-accessor/lookup",
            AppRoleRequests.AccessorRef::from,
            secretIdRoutes::lookupByAccessor),
        Operation.write(
            "role/:role_name/secret-id-accessor/destroy",
            AppRoleRequests.AccessorRef::from,
            secretIdRoutes::destroyByAccessor));
  }

  @Override
  public Future<Void> start() {
    tidyTimer = vertx.setPeriodic(TIDY_INTERVAL_MS, id -> tidy());
    return Future.succeededFuture();
  }

  @Override
  public void stop() {
    if (tidyTimer >= 0) {
      vertx.cancelTimer(tidyTimer);
      tidyTimer = -1;
    }
  }

  /** Deletes expired secret ids now; the periodic timer calls it too. */
  Future<Integer> tidy() {
    return secretIds
        .tidy()
        .onFailure(
            e -> LOG.log(System.Logger.Level.WARNING, "approle secret id tidy failed: " + e));
  }

  /** The roles and the policies each grants, for the compliance report. */
  @Override
  public Future<JsonObject> complianceFacts() {
    return roles
        .names()
        .compose(
            names -> {
              List<Future<Optional<AppRoleRole>>> reads = new ArrayList<>();
              names.forEach(n -> reads.add(roles.role(new RoleName(n))));
              return Future.all(reads)
                  .map(
                      all -> {
                        JsonArray out = new JsonArray();
                        for (Future<Optional<AppRoleRole>> f : reads) {
                          f.result()
                              .ifPresent(
                                  r ->
                                      out.add(
                                          new JsonObject()
                                              .put("name", r.name())
                                              .put("policies", new JsonArray(r.tokenPolicies()))));
                        }
                        return new JsonObject().put("roles", out);
                      });
            });
  }
}
