package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The mount's settings paths, Vault's {@code config/urls}, {@code config/crl} and {@code
 * config/auto-tidy}. Writes merge into the stored settings (fields left out keep their values) and
 * answer the settings now in force; a bad field is a 400 and changes nothing.
 */
final class PkiConfigRoutes {
  private final PkiStore store;
  private final PkiCrl crl;

  PkiConfigRoutes(PkiStore store, PkiCrl crl) {
    this.store = store;
    this.crl = crl;
  }

  static JsonObject body(RequestContext request) {
    return request.body();
  }

  Future<VaultResponse> readUrls(Void none, RequestContext context) {
    return store.urls().map(urls -> VaultResponse.data(urls.toJson()));
  }

  Future<VaultResponse> writeUrls(PkiUrls urls, RequestContext context) {
    return store.putUrls(urls).map(v -> VaultResponse.data(urls.toJson()));
  }

  Future<VaultResponse> readCrl(Void none, RequestContext context) {
    return store.crlSettings().map(settings -> VaultResponse.data(settings.toJson()));
  }

  /**
   * Stores the CRL settings, then rebuilds the CRL when the mount has an issuer, so a new {@code
   * expiry} or {@code disable} shows in the CRL served next.
   */
  Future<VaultResponse> writeCrl(JsonObject body, RequestContext context) {
    return store
        .crlSettings()
        .map(current -> CrlSettings.merge(current, body))
        .compose(
            settings ->
                store
                    .putCrlSettings(settings)
                    .compose(v -> store.issuer())
                    .compose(
                        issuer ->
                            issuer.isPresent()
                                ? crl.rebuild().mapEmpty()
                                : Future.succeededFuture())
                    .map(v -> VaultResponse.data(settings.toJson())));
  }

  Future<VaultResponse> readAutoTidy(Void none, RequestContext context) {
    return store.autoTidy().map(settings -> VaultResponse.data(settings.toJson()));
  }

  Future<VaultResponse> writeAutoTidy(JsonObject body, RequestContext context) {
    return store
        .autoTidy()
        .map(current -> AutoTidySettings.merge(current, body))
        .compose(
            settings ->
                store.putAutoTidy(settings).map(v -> VaultResponse.data(settings.toJson())));
  }
}
