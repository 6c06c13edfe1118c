package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.keyward.http.ApiError;
import org.keyward.view.CompareAndSet;

/**
 * The mount's CRL: built on first read, rebuilt on each revocation, on {@code crl/rotate}, after
 * tidy, and when a read (or, with {@code auto_rebuild}, the background check) finds it close to its
 * nextUpdate. Each build takes the next CRL number and is stored only if no other build stored one
 * first (then it re-reads and tries again), so numbers strictly increase. Signed in custody; valid
 * for {@code config/crl}'s {@code expiry}; empty while {@code disable} is set.
 */
final class PkiCrl {
  private static final int ATTEMPTS = 5;

  /** At most this long before its nextUpdate a CRL is rebuilt on read. */
  static final Duration REFRESH = Duration.ofHours(24);

  private final PkiStore store;
  private final CaKeyCustody custody;
  private final PkiWorker worker;
  private final Clock clock;

  /** The last rebuild queued in this process; the next one starts when it is done. */
  private Future<?> lastRebuild = Future.succeededFuture();

  PkiCrl(PkiStore store, CaKeyCustody custody, PkiWorker worker, Clock clock) {
    this.store = store;
    this.custody = custody;
    this.worker = worker;
    this.clock = clock;
  }

  /**
   * The stored CRL as DER, built first if there is none or if it is within the refresh window of
   * its nextUpdate (so relying parties never hold an expired CRL); 404 while the mount has no
   * issuer.
   */
  Future<byte[]> current() {
    return store
        .issuer()
        .compose(
            issuer -> {
              if (issuer.isEmpty()) {
                return Future.failedFuture(ApiError.notFound());
              }
              return store
                  .crlSettings()
                  .compose(
                      settings ->
                          store
                              .crl()
                              .compose(
                                  state ->
                                      isFresh(state.der(), refreshWindow(settings))
                                          ? Future.succeededFuture(state.der())
                                          : rebuild()));
            });
  }

  /**
   * With {@code auto_rebuild}: rebuilds the CRL when it is within the grace period of its
   * nextUpdate, so a CRL fetched and cached by relying parties is always a fresh one. Answers
   * whether it rebuilt; does nothing while the mount has no issuer.
   */
  Future<Boolean> rebuildIfDue() {
    return store
        .issuer()
        .compose(
            issuer ->
                issuer.isEmpty()
                    ? Future.succeededFuture(false)
                    : store
                        .crlSettings()
                        .compose(
                            settings ->
                                !settings.autoRebuild()
                                    ? Future.succeededFuture(false)
                                    : store
                                        .crl()
                                        .compose(
                                            state ->
                                                isFresh(
                                                        state.der(),
                                                        Duration.ofSeconds(
                                                            settings
                                                                .autoRebuildGracePeriodSeconds()))
                                                    ? Future.succeededFuture(false)
                                                    : rebuild().map(true))));
  }

  private static Duration refreshWindow(CrlSettings settings) {
    Duration third = Duration.ofSeconds(settings.expirySeconds()).dividedBy(3);
    return third.compareTo(REFRESH) < 0 ? third : REFRESH;
  }

  private boolean isFresh(byte[] der, Duration window) {
    if (der == null) {
      return false;
    }
    try {
      Date nextUpdate = new X509CRLHolder(der).getNextUpdate();
      return nextUpdate != null && clock.instant().plus(window).isBefore(nextUpdate.toInstant());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Builds and stores a new CRL with the next number; answers its DER. Rebuilds in this process run
   * one after another, so concurrent revocations do not exhaust each other's conflict retries; the
   * check on the stored CRL still guards against other nodes.
   */
  Future<byte[]> rebuild() {
    Promise<byte[]> done = Promise.promise();
    synchronized (this) {
      Future<?> previous = lastRebuild;
      lastRebuild = done.future();
      previous.onComplete(
          ignored -> CompareAndSet.retry(ATTEMPTS, attempt -> rebuildOnce()).onComplete(done));
    }
    return done.future();
  }

  private Future<byte[]> rebuildOnce() {
    return store
        .requireIssuer()
        .compose(
            issuer ->
                custody
                    .key(issuer.keyName())
                    .compose(
                        key ->
                            store
                                .crlSettings()
                                .compose(
                                    settings ->
                                        store
                                            .crl()
                                            .compose(
                                                state -> build(issuer, key, settings, state)))));
  }

  private Future<byte[]> build(
      IssuerRecord issuer, CaKey key, CrlSettings settings, PkiStore.CrlState state) {
    Future<List<IssuedCertificate>> listed =
        settings.disable() ? Future.succeededFuture(List.of()) : store.revoked();
    long number = state.number() + 1;
    return listed
        .compose(
            revoked ->
                worker.crl(
                    issuer,
                    key,
                    revoked,
                    number,
                    clock.instant(),
                    Duration.ofSeconds(settings.expirySeconds())))
        .compose(der -> store.putCrl(state, number, der).map(der));
  }
}
