package org.keyward.auth.approle;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** {@code role/:role_name/secret-id*} and {@code role/:role_name/secret-id-accessor/*}. */
final class AppRoleSecretIdRoutes {
  private final AppRoleStore roles;
  private final SecretIdStore secretIds;

  AppRoleSecretIdRoutes(AppRoleStore roles, SecretIdStore secretIds) {
    this.roles = roles;
    this.secretIds = secretIds;
  }

  /** A request's ttl and num_uses may only tighten the role's, as in Vault. */
  Future<VaultResponse> create(AppRoleRequests.CreateSecretId req, RequestContext request) {
    return existingRole(req.role())
        .compose(
            role -> {
              long ttl = tighter(req.ttlSeconds(), role.secretIdTtl(), "ttl");
              long uses =
                  tighter(
                      req.numUses() == null ? null : req.numUses().longValue(),
                      role.secretIdNumUses(),
                      "num_uses");
              return secretIds.create(req.role(), ttl, (int) uses, req.meta());
            })
        .map(
            created ->
                VaultResponse.data(
                    new JsonObject()
                        .put("secret_id", created.secretId())
                        .put("secret_id_accessor", created.entry().accessor())
                        .put("secret_id_ttl", created.entry().ttlSeconds())
                        .put("secret_id_num_uses", created.entry().remainingUses())));
  }

  Future<VaultResponse> list(RoleName role, RequestContext request) {
    return existingRole(role)
        .compose(r -> secretIds.accessors(role))
        .map(
            keys -> {
              if (keys.isEmpty()) {
                throw ApiError.notFound();
              }
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(keys)));
            });
  }

  Future<VaultResponse> lookup(AppRoleRequests.SecretIdRef ref, RequestContext request) {
    return existingRole(ref.role())
        .compose(r -> secretIds.lookup(ref.role(), ref.secretId()))
        .map(AppRoleSecretIdRoutes::lookupAnswer);
  }

  Future<VaultResponse> destroy(AppRoleRequests.SecretIdRef ref, RequestContext request) {
    return existingRole(ref.role())
        .compose(r -> secretIds.destroy(ref.role(), ref.secretId()))
        .map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> lookupByAccessor(AppRoleRequests.AccessorRef ref, RequestContext request) {
    return existingRole(ref.role())
        .compose(r -> secretIds.lookupByAccessor(ref.role(), ref.accessor()))
        .map(AppRoleSecretIdRoutes::lookupAnswer);
  }

  Future<VaultResponse> destroyByAccessor(AppRoleRequests.AccessorRef ref, RequestContext request) {
    return existingRole(ref.role())
        .compose(r -> secretIds.destroyByAccessor(ref.role(), ref.accessor()))
        .map(v -> VaultResponse.noContent());
  }

  // Vault answers an unknown secret id with no content; 404 says the same and is easier to test.
  private static VaultResponse lookupAnswer(Optional<SecretIdEntry> entry) {
    return VaultResponse.data(entry.orElseThrow(ApiError::notFound).toPublicJson());
  }

  private Future<AppRoleRole> existingRole(RoleName name) {
    return roles.role(name).map(r -> r.orElseThrow(() -> AppRoleStore.roleNotFound(name)));
  }

  private static long tighter(Long requested, long roleLimit, String field) {
    if (requested == null) {
      return roleLimit;
    }
    if (roleLimit > 0 && (requested == 0 || requested > roleLimit)) {
      throw ApiError.badRequest(
          "field '" + field + "' cannot be larger than the role's limit of " + roleLimit);
    }
    return requested;
  }
}
