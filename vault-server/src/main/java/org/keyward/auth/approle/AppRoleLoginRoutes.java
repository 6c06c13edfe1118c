package org.keyward.auth.approle;

import io.vertx.core.Future;
import java.util.Map;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.auth.TokenGrant;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code POST login}: role id plus secret id to a token. Failures are counted by {@link
 * LoginLockout} on the canonical role id (trimmed, lower case), so spelling variants of one role id
 * share a counter; a locked-out role id is refused before its secret id is even looked at, so the
 * attempt spends no use.
 */
final class AppRoleLoginRoutes {
  static final String INVALID_ROLE_OR_SECRET = "invalid role or secret ID";

  private final AppRoleStore roles;
  private final SecretIdStore secretIds;
  private final LoginTokenIssuer issuer;
  private final LoginLockout lockout;

  AppRoleLoginRoutes(
      AppRoleStore roles, SecretIdStore secretIds, LoginTokenIssuer issuer, LoginLockout lockout) {
    this.roles = roles;
    this.secretIds = secretIds;
    this.issuer = issuer;
    this.lockout = lockout;
  }

  Future<VaultResponse> login(AppRoleRequests.Login login, RequestContext request) {
    // The mount path keeps two mounts (or a role id equal to a cert hash) from sharing a counter.
    String identity = request.mountPath() + LoginLockout.canonical(login.roleId());
    return Future.<Void>succeededFuture()
        .map(
            v -> {
              lockout.checkAllowed(identity);
              return v;
            })
        .compose(
            v ->
                verify(login)
                    .recover(
                        e -> {
                          // Count refusals of the credentials only; a sealed store is no guess.
                          if (e instanceof ApiError api && api.status() == 400) {
                            lockout.recordFailure(identity);
                          }
                          return Future.failedFuture(e);
                        }))
        .compose(
            role -> {
              lockout.recordSuccess(identity);
              return issuer.issue(grant(role, request), request);
            });
  }

  private Future<AppRoleRole> verify(AppRoleRequests.Login login) {
    return roles
        .roleByRoleId(login.roleId())
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(ApiError.badRequest(INVALID_ROLE_OR_SECRET));
              }
              AppRoleRole role = found.get();
              if (login.secretId().isEmpty()) {
                return Future.failedFuture(ApiError.badRequest("missing secret_id"));
              }
              return secretIds
                  .consume(new RoleName(role.name()), login.secretId())
                  .map(entry -> role);
            });
  }

  private static TokenGrant grant(AppRoleRole role, RequestContext request) {
    return new TokenGrant(
        request.mountPath() + "login",
        "",
        role.tokenPolicies(),
        Map.of("role_name", role.name()),
        role.tokenTtl(),
        role.tokenMaxTtl(),
        role.tokenNumUses(),
        true);
  }
}
