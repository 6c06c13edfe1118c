package org.keyward.auth.cert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.keyward.auth.cert.CertRoleRequests.CertName;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Vault's {@code crls/:name}: write ({@code crl}, a PEM CRL), read (the serials it lists, as
 * Vault's {@code serials} map), delete. The CRL applies to every role of the mount.
 */
final class CertCrlRoutes {
  private final CertCrlStore store;

  CertCrlRoutes(CertCrlStore store) {
    this.store = store;
  }

  /** A CRL write: the name and the PEM, shape checked. */
  record CrlWrite(CertName name, String pem) {
    static CrlWrite from(RequestContext request) {
      return new CrlWrite(CertName.from(request), Fields.requiredString(request.body(), "crl"));
    }
  }

  Future<VaultResponse> write(CrlWrite write, RequestContext context) {
    return store.put(write.name().value(), write.pem()).map(crl -> VaultResponse.noContent());
  }

  Future<VaultResponse> read(CertName name, RequestContext context) {
    return store
        .get(name.value())
        .map(found -> found.orElseThrow(ApiError::notFound))
        .map(
            crl -> {
              JsonObject serials = new JsonObject();
              crl.serials().forEach(s -> serials.put(s.toString(), new JsonObject()));
              return VaultResponse.data(new JsonObject().put("serials", serials));
            });
  }

  Future<VaultResponse> delete(CertName name, RequestContext context) {
    return store.delete(name.value()).map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> list(Void none, RequestContext context) {
    return store
        .names()
        .map(names -> VaultResponse.data(new JsonObject().put("keys", new JsonArray(names))));
  }
}
