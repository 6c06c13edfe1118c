package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The revocation paths: {@code revoke}, {@code crl} (DER), {@code crl/pem}, {@code cert/crl}
 * (JSON), {@code crl/rotate} and {@code tidy}. A revocation is stored before the CRL is rebuilt, so
 * a failed rebuild loses nothing: the next one lists it.
 */
final class PkiRevocationRoutes {
  private final PkiStore store;
  private final PkiCrl crl;
  private final Clock clock;

  PkiRevocationRoutes(PkiStore store, PkiCrl crl, Clock clock) {
    this.store = store;
    this.crl = crl;
    this.clock = clock;
  }

  Future<VaultResponse> revoke(RevokeRequest request, RequestContext context) {
    return store
        .revoke(request.serial(), clock.instant())
        .compose(revoked -> crl.rebuild().map(der -> revoked))
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
    Instant cutoff = clock.instant().minusSeconds(request.safetyBufferSeconds());
    return store
        .serials()
        .compose(
            serials -> {
              List<Future<Boolean>> removals = new ArrayList<>();
              for (String serial : serials) {
                removals.add(tidyOne(SerialNumbers.parse(serial, "serial"), request, cutoff));
              }
              return Future.all(removals).map(all -> removals);
            })
        .compose(
            removals -> {
              long revokedRemoved = removals.stream().filter(Future::result).count();
              Future<?> rebuilt = revokedRemoved > 0 ? crl.rebuild() : Future.succeededFuture();
              return rebuilt.map(
                  v ->
                      VaultResponse.data(
                              new JsonObject()
                                  .put("state", "Finished")
                                  .put("revoked_cert_deleted_count", revokedRemoved))
                          .withStatus(202)
                          .withWarnings(
                              List.of(
                                  "Tidy operation successfully started. Any information from the"
                                      + " operation will be printed to Keyward's server logs.")));
            });
  }

  /** Deletes one certificate if tidy covers it; answers whether a revoked one went (CRL change). */
  private Future<Boolean> tidyOne(BigInteger serial, TidyRequest request, Instant cutoff) {
    return store
        .certificate(serial)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(false);
              }
              IssuedCertificate certificate = found.get();
              boolean expired =
                  certificate.certificate().getNotAfter().toInstant().isBefore(cutoff);
              boolean revoked = certificate.revokedAt() != null;
              boolean remove =
                  expired && (request.tidyCertStore() || (revoked && request.tidyRevokedCerts()));
              if (!remove) {
                return Future.succeededFuture(false);
              }
              return store.deleteCertificate(serial).map(v -> revoked);
            });
  }

  static String pem(byte[] crlDer) {
    try {
      return PemCodec.pem(new X509CRLHolder(crlDer)) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("stored CRL cannot be parsed", e);
    }
  }
}
