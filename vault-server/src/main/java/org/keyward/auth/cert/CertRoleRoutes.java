package org.keyward.auth.cert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** {@code certs/:name} and {@code LIST certs}. */
final class CertRoleRoutes {
  private final CertRoleStore store;

  CertRoleRoutes(CertRoleStore store) {
    this.store = store;
  }

  Future<VaultResponse> write(CertRole role, RequestContext request) {
    return store.put(role).map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> read(CertRoleRequests.CertName name, RequestContext request) {
    return store
        .get(name.value())
        .map(r -> VaultResponse.data(r.orElseThrow(ApiError::notFound).toPublicJson()));
  }

  Future<VaultResponse> delete(CertRoleRequests.CertName name, RequestContext request) {
    return store.delete(name.value()).map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> list(Void none, RequestContext request) {
    return store
        .names()
        .map(
            names -> {
              if (names.isEmpty()) {
                throw ApiError.notFound();
              }
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(names)));
            });
  }
}
