package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The certificate read paths: {@code ca} (DER), {@code ca/pem}, {@code ca_chain}, {@code cert/ca},
 * {@code cert/ca_chain}, {@code cert/:serial} and {@code certs}. All but {@code certs} are public,
 * as in Vault: they hold certificates only. 404 while the mount has no issuer.
 */
final class PkiCaRoutes {
  private final PkiStore store;

  PkiCaRoutes(PkiStore store) {
    this.store = store;
  }

  Future<VaultResponse> caDer(Void none, RequestContext context) {
    return issuer()
        .map(
            issuer ->
                VaultResponse.raw(
                    200,
                    "application/pkix-cert",
                    Buffer.buffer(PemCodec.der(issuer.certificate()))));
  }

  Future<VaultResponse> caPem(Void none, RequestContext context) {
    return issuer()
        .map(
            issuer ->
                VaultResponse.raw(
                    200,
                    "application/pem-certificate-chain",
                    Buffer.buffer(PemCodec.pem(issuer.certificate()) + "\n")));
  }

  Future<VaultResponse> caChain(Void none, RequestContext context) {
    return issuer()
        .map(
            issuer ->
                VaultResponse.raw(
                    200, "application/pem-certificate-chain", Buffer.buffer(chainPem(issuer))));
  }

  Future<VaultResponse> caJson(Void none, RequestContext context) {
    return issuer()
        .map(
            issuer ->
                VaultResponse.data(
                    new JsonObject().put("certificate", PemCodec.pem(issuer.certificate()))));
  }

  Future<VaultResponse> caChainJson(Void none, RequestContext context) {
    return issuer()
        .map(
            issuer ->
                VaultResponse.data(
                    new JsonObject()
                        .put("certificate", chainPem(issuer))
                        .put("ca_chain", chainPem(issuer))));
  }

  Future<VaultResponse> certificate(SerialRequest request, RequestContext context) {
    return store
        .certificate(request.serial())
        .map(o -> VaultResponse.data(o.orElseThrow(ApiError::notFound).toResponse()));
  }

  Future<VaultResponse> list(FolderListRequest request, RequestContext context) {
    return store.serials().map(PkiRoleRoutes::keys);
  }

  private Future<IssuerRecord> issuer() {
    return store.issuer().map(o -> o.orElseThrow(ApiError::notFound));
  }

  private static String chainPem(IssuerRecord issuer) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate certificate : issuer.chain()) {
      out.append(PemCodec.pem(certificate)).append('\n');
    }
    return out.toString();
  }
}
