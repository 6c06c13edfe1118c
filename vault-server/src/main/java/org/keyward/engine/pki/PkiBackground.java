package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The mount's scheduled work, checked once per {@link #CHECK_PERIOD_MS}: the CRL rebuilt before it
 * expires ({@code auto_rebuild}) and the tidy of {@code config/auto-tidy} once its interval has
 * passed since the last one in this process, then a count of stored certificates and revocations
 * for the metrics. A check never overlaps the previous one; failures are logged and retried at the
 * next check.
 */
final class PkiBackground {
  private static final System.Logger LOG = System.getLogger(PkiBackground.class.getName());
  static final long CHECK_PERIOD_MS = 60_000;

  private final Vertx vertx;
  private final PkiStore store;
  private final PkiCrl crl;
  private final PkiTidy tidy;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Instant lastTidy;
  private volatile StoredCounts counts = new StoredCounts(-1, -1);
  private long timer = -1;

  PkiBackground(Vertx vertx, PkiStore store, PkiCrl crl, PkiTidy tidy, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.crl = crl;
    this.tidy = tidy;
    this.clock = clock;
    this.lastTidy = clock.instant();
  }

  synchronized void start() {
    refreshCounts().recover(e -> logged("count of stored certificates", e));
    if (timer < 0) {
      timer = vertx.setPeriodic(CHECK_PERIOD_MS, id -> check());
    }
  }

  synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** One check, as the timer runs it; tests call it with a moved clock. */
  Future<Void> check() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return crl.rebuildIfDue()
        .<Void>mapEmpty()
        .recover(e -> logged("CRL auto-rebuild", e))
        .compose(v -> autoTidyIfDue())
        .recover(e -> logged("auto-tidy", e))
        .compose(v -> refreshCounts())
        .recover(e -> logged("count of stored certificates", e))
        .onComplete(ar -> running.set(false));
  }

  /** What the metrics report: certificates and revocation entries stored, at the last check. */
  StoredCounts counts() {
    return counts;
  }

  /** Counts the stored certificates and revocations (two key listings) for the metrics. */
  Future<Void> refreshCounts() {
    return store
        .serials()
        .compose(
            serials ->
                store
                    .revokedCount()
                    .map(
                        revoked -> {
                          counts = new StoredCounts(serials.size(), revoked);
                          return null;
                        }));
  }

  /** Certificates and revocation entries a mount holds; -1 before the first count. */
  record StoredCounts(long certificates, long revoked) {}

  private Future<Void> autoTidyIfDue() {
    return store
        .autoTidy()
        .compose(
            settings -> {
              Instant now = clock.instant();
              if (!settings.enabled()
                  || now.isBefore(lastTidy.plusSeconds(settings.intervalSeconds()))) {
                return Future.succeededFuture();
              }
              lastTidy = now;
              return tidy.run(settings.asRequest())
                  .map(
                      counts -> {
                        LOG.log(
                            System.Logger.Level.INFO,
                            "PKI auto-tidy removed {0} certificates ({1} revoked); {2} stored, {3}"
                                + " revoked",
                            counts.certificatesDeleted(),
                            counts.revokedDeleted(),
                            counts.certificatesStored(),
                            counts.revokedStored());
                        return null;
                      });
            });
  }

  private static Future<Void> logged(String what, Throwable e) {
    LOG.log(
        System.Logger.Level.WARNING,
        "PKI {0} failed, retried at the next check: {1}",
        what,
        e.getClass().getSimpleName());
    return Future.succeededFuture();
  }
}
