package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.keyward.engine.DrillCheck.Checked;

/**
 * The restore drill of a PKI mount: its CA key (in the HSM) signs a throwaway one-minute leaf for a
 * fresh key, and the leaf verifies under the CA certificate. The leaf is neither stored nor
 * returned. A mount without a CA has nothing to check.
 */
final class PkiDrill {
  private final PkiStore store;
  private final CaKeyCustody custody;
  private final PkiWorker worker;
  private final Vertx vertx;
  private final Clock clock;

  PkiDrill(PkiStore store, CaKeyCustody custody, PkiWorker worker, Vertx vertx, Clock clock) {
    this.store = store;
    this.custody = custody;
    this.worker = worker;
    this.vertx = vertx;
    this.clock = clock;
  }

  Future<List<Checked>> run() {
    return store
        .issuer()
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(List.of());
              }
              IssuerRecord issuer = found.get();
              String item = "pki CA " + issuer.certificate().getSubjectX500Principal().getName();
              return signAndVerify(issuer)
                  .map(v -> List.of(new Checked(item, "")))
                  .recover(e -> Future.succeededFuture(List.of(new Checked(item, describe(e)))));
            });
  }

  private Future<Void> signAndVerify(IssuerRecord issuer) {
    X509Certificate ca = issuer.certificate();
    Instant now = clock.instant();
    CertificateProfile profile =
        new CertificateProfile(
            CertificateProfile.subject("keyward restore drill", List.of(), List.of(), List.of()),
            List.of(),
            List.of(),
            now.minus(CertificateProfile.BACKDATE),
            now.plusSeconds(60),
            false,
            -1,
            List.of());
    return custody
        .key(issuer.keyName())
        .compose(
            key ->
                worker
                    // The leaf's own key only needs to exist: P-256 is the cheapest to make.
                    .keyPair(CaKeyType.EC_P256)
                    .compose(pair -> worker.certificate(profile, pair.getPublic(), ca, key)))
        .compose(
            leaf ->
                vertx.executeBlocking(
                    () -> {
                      leaf.verify(ca.getPublicKey());
                      return null;
                    },
                    false));
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
