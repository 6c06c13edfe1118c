package org.keyward.auth.approle;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** {@code role/:role_name}, {@code LIST role} and {@code role/:role_name/role-id}. */
final class AppRoleRoleRoutes {
  private final AppRoleStore roles;

  AppRoleRoleRoutes(AppRoleStore roles) {
    this.roles = roles;
  }

  Future<VaultResponse> write(RoleSettings settings, RequestContext request) {
    return roles.write(settings).map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> read(RoleName name, RequestContext request) {
    return roles
        .role(name)
        .map(r -> VaultResponse.data(r.orElseThrow(ApiError::notFound).toPublicJson()));
  }

  Future<VaultResponse> delete(RoleName name, RequestContext request) {
    return roles.delete(name).map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> list(Void none, RequestContext request) {
    return roles
        .names()
        .map(
            names -> {
              if (names.isEmpty()) {
                throw ApiError.notFound();
              }
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(names)));
            });
  }

  Future<VaultResponse> readRoleId(RoleName name, RequestContext request) {
    return roles
        .role(name)
        .map(
            r ->
                VaultResponse.data(
                    new JsonObject().put("role_id", r.orElseThrow(ApiError::notFound).roleId())));
  }

  Future<VaultResponse> writeRoleId(AppRoleRequests.SetRoleId set, RequestContext request) {
    return roles.setRoleId(set.role(), set.roleId()).map(v -> VaultResponse.noContent());
  }
}
