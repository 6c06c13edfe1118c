package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** The {@code roles/:role} paths: write (replace), read, list and delete, as Vault. */
final class PkiRoleRoutes {
  private final PkiStore store;

  PkiRoleRoutes(PkiStore store) {
    this.store = store;
  }

  Future<VaultResponse> write(RoleWriteRequest request, RequestContext context) {
    return store
        .putRole(request.name(), request.role())
        .map(v -> VaultResponse.data(request.role().toJson()));
  }

  Future<VaultResponse> read(RoleName name, RequestContext context) {
    return store
        .role(name)
        .map(o -> VaultResponse.data(o.orElseThrow(ApiError::notFound).toJson()));
  }

  Future<VaultResponse> list(FolderListRequest request, RequestContext context) {
    return store.roleNames().map(PkiRoleRoutes::keys);
  }

  Future<VaultResponse> delete(RoleName name, RequestContext context) {
    return store.deleteRole(name).map(VaultResponse.noContent());
  }

  /** Vault's LIST answer; no keys is a 404 with an empty {@code errors}. */
  static VaultResponse keys(List<String> keys) {
    if (keys.isEmpty()) {
      throw ApiError.notFound();
    }
    return VaultResponse.data(new JsonObject().put("keys", new JsonArray(keys)));
  }
}
