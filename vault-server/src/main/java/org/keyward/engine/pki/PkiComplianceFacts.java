package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CRLHolder;

/**
 * The compliance report's view of a PKI mount: the CA chain with expiry, every stored certificate
 * (subject, serial, expiry, revocation) and the CRL's next update. Certificates are public; no
 * private key is read. Reads every certificate row: an administrative scan, not a request path.
 */
final class PkiComplianceFacts {
  private PkiComplianceFacts() {}

  static Future<JsonObject> of(PkiStore store) {
    Future<Optional<IssuerRecord>> issuer = store.issuer();
    Future<JsonArray> certificates = certificates(store);
    Future<PkiStore.CrlState> crl = store.crl();
    return Future.all(issuer, certificates, crl)
        .map(
            all -> {
              JsonArray cas = new JsonArray();
              issuer.result().ifPresent(i -> i.chain().forEach(c -> cas.add(certificate(c, null))));
              return new JsonObject()
                  .put("cas", cas)
                  .put("certificates", certificates.result())
                  .put("crl_next_update", nextUpdate(crl.result()));
            });
  }

  private static Future<JsonArray> certificates(PkiStore store) {
    return store
        .serials()
        .compose(
            serials -> {
              List<Future<Optional<IssuedCertificate>>> reads = new ArrayList<>();
              serials.forEach(s -> reads.add(store.certificate(SerialNumbers.parse(s, "serial"))));
              return Future.all(reads)
                  .map(
                      all -> {
                        JsonArray out = new JsonArray();
                        for (Future<Optional<IssuedCertificate>> f : reads) {
                          f.result()
                              .filter(c -> c.certificate().getBasicConstraints() < 0)
                              .ifPresent(c -> out.add(certificate(c.certificate(), c)));
                        }
                        return out;
                      });
            });
  }

  private static JsonObject certificate(X509Certificate c, IssuedCertificate issued) {
    BigInteger serial = c.getSerialNumber();
    return new JsonObject()
        .put("subject", c.getSubjectX500Principal().getName())
        .put("serial_number", SerialNumbers.colon(serial))
        .put("not_after", c.getNotAfter().toInstant().getEpochSecond())
        .put(
            "revocation_time",
            issued == null || issued.revokedAt() == null
                ? 0L
                : issued.revokedAt().getEpochSecond());
  }

  /** Epoch seconds of the stored CRL's nextUpdate; 0 when no CRL was built yet. */
  private static long nextUpdate(PkiStore.CrlState crl) {
    if (crl.der() == null) {
      return 0L;
    }
    try {
      Date next = new X509CRLHolder(crl.der()).getNextUpdate();
      return next == null ? 0L : next.toInstant().getEpochSecond();
    } catch (IOException e) {
      // A stored CRL that does not parse is reported as absent; the next read rebuilds it.
      return 0L;
    }
  }
}
