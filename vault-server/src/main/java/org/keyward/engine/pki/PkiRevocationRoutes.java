package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The revocation paths: {@code revoke}, {@code crl} (DER), {@code crl/pem}, {@code cert/crl}
 * (JSON), {@code crl/rotate}, {@code tidy} and {@code tidy-status}. A revocation is stored before
 * the CRL is rebuilt, so a failed rebuild loses nothing: the next one lists it; OCSP answers from
 * the stored revocation at once. Then the {@link RevocationListener} hears of it (the server
 * revokes the tokens that certificate logged in for).
 */
final class PkiRevocationRoutes {
  private final PkiStore store;
  private final PkiCrl crl;
  private final PkiTidy tidy;
  private final RevocationListener listener;
  private final Clock clock;

  PkiRevocationRoutes(
      PkiStore store, PkiCrl crl, PkiTidy tidy, RevocationListener listener, Clock clock) {
    this.store = store;
    this.crl = crl;
    this.tidy = tidy;
    this.listener = listener;
    this.clock = clock;
  }

  Future<VaultResponse> revoke(RevokeRequest request, RequestContext context) {
    return store
        .revoke(request.serial(), clock.instant())
        .compose(revoked -> crl.rebuild().map(der -> revoked))
        .compose(revoked -> listener.revoked(revoked.certificate()).map(v -> revoked))
        .map(
            revoked ->
                VaultResponse.data(
                    new JsonObject()
                        .put("revocation_time", revoked.revokedAt().getEpochSecond())
                        .put("revocation_time_rfc3339", revoked.revokedAt().toString())
                        .put("state", "revoked")));
  }

  Future<VaultResponse> crlDer(Void none, RequestContext context) {
    return crl.current()
        .map(der -> VaultResponse.raw(200, "application/pkix-crl", Buffer.buffer(der)));
  }

  Future<VaultResponse> crlPem(Void none, RequestContext context) {
    return crl.current()
        .map(der -> VaultResponse.raw(200, "application/x-pem-file", Buffer.buffer(pem(der))));
  }

  Future<VaultResponse> crlJson(Void none, RequestContext context) {
    return crl.current()
        .map(der -> VaultResponse.data(new JsonObject().put("certificate", pem(der))));
  }

  Future<VaultResponse> rotate(Void none, RequestContext context) {
    return crl.rebuild().map(der -> VaultResponse.data(new JsonObject().put("success", true)));
  }

  /** Runs the tidy to completion, then answers 202 as Vault does for its background tidy. */
  Future<VaultResponse> tidy(TidyRequest request, RequestContext context) {
    return tidy.run(request)
        .map(
            counts ->
                VaultResponse.data(
                        new JsonObject()
                            .put("state", "Finished")
                            .put("revoked_cert_deleted_count", counts.revokedDeleted()))
                    .withStatus(202)
                    .withWarnings(
                        List.of(
                            "Tidy operation successfully started. Any information from the"
                                + " operation will be printed to Keyward's server logs.")));
  }

  /** Vault's {@code tidy-status}: what the last tidy (asked for or scheduled) found and did. */
  Future<VaultResponse> tidyStatus(Void none, RequestContext context) {
    PkiTidy.Counts counts = tidy.last();
    JsonObject data =
        new JsonObject()
            .put("state", counts.finished() == null ? "Inactive" : "Finished")
            .put("cert_store_deleted_count", counts.certificatesDeleted())
            .put("revoked_cert_deleted_count", counts.revokedDeleted())
            .put("time_finished", counts.finished() == null ? null : counts.finished().toString());
    if (counts.certificatesStored() >= 0) {
      data.put("current_cert_store_count", counts.certificatesStored())
          .put("current_revoked_cert_count", counts.revokedStored());
    }
    return Future.succeededFuture(VaultResponse.data(data));
  }

  static String pem(byte[] crlDer) {
    try {
      return PemCodec.pem(new X509CRLHolder(crlDer)) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("stored CRL cannot be parsed", e);
    }
  }
}
