package org.keyward.engine.pki;

import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes certificates that expired more than a safety buffer ago (all of them, or only revoked
 * ones), for {@code tidy} and the scheduled {@code config/auto-tidy}, and rebuilds the CRL when a
 * revocation entry went. Keeps the counts of what it saw for {@code tidy-status} and the metrics.
 */
final class PkiTidy {
  private final PkiStore store;
  private final PkiCrl crl;
  private final Clock clock;
  private volatile Counts last = new Counts(-1, -1, 0, 0, null);

  /**
   * What the last tidy found and did; -1 counts before the first run.
   *
   * @param finished null before the first run
   */
  record Counts(
      long certificatesStored,
      long revokedStored,
      long certificatesDeleted,
      long revokedDeleted,
      Instant finished) {}

  PkiTidy(PkiStore store, PkiCrl crl, Clock clock) {
    this.store = store;
    this.crl = crl;
    this.clock = clock;
  }

  Counts last() {
    return last;
  }

  Future<Counts> run(TidyRequest request) {
    Instant cutoff = clock.instant().minusSeconds(request.safetyBufferSeconds());
    return store
        .serials()
        .compose(
            serials -> {
              List<Future<Removal>> removals = new ArrayList<>();
              for (String serial : serials) {
                removals.add(tidyOne(SerialNumbers.parse(serial, "serial"), request, cutoff));
              }
              return Future.all(removals)
                  .map(all -> removals.stream().map(Future::result).toList())
                  .map(results -> count(serials.size(), results));
            })
        .compose(
            counts -> {
              Future<?> rebuilt =
                  counts.revokedDeleted() > 0 ? crl.rebuild() : Future.succeededFuture();
              return rebuilt.map(
                  v -> {
                    last = counts;
                    return counts;
                  });
            });
  }

  private Counts count(long stored, List<Removal> results) {
    long revoked = results.stream().filter(Removal::revoked).count();
    long deleted = results.stream().filter(Removal::deleted).count();
    long revokedDeleted = results.stream().filter(r -> r.deleted() && r.revoked()).count();
    return new Counts(
        stored - deleted, revoked - revokedDeleted, deleted, revokedDeleted, clock.instant());
  }

  private record Removal(boolean revoked, boolean deleted) {}

  private Future<Removal> tidyOne(BigInteger serial, TidyRequest request, Instant cutoff) {
    return store
        .certificate(serial)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(new Removal(false, false));
              }
              IssuedCertificate certificate = found.get();
              boolean expired =
                  certificate.certificate().getNotAfter().toInstant().isBefore(cutoff);
              boolean revoked = certificate.revokedAt() != null;
              boolean remove =
                  expired && (request.tidyCertStore() || (revoked && request.tidyRevokedCerts()));
              if (!remove) {
                return Future.succeededFuture(new Removal(revoked, false));
              }
              return store.deleteCertificate(serial).map(v -> new Removal(revoked, true));
            });
  }
}
