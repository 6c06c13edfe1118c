package org.keyward.client;

import java.lang.System.Logger.Level;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The CRL of one PKI mount as peers' certificates are checked against it: fetched (through {@link
 * AsyncPki#crl()} in the SDK), accepted only if one of the mount's CA certificates signed it,
 * refetched when older than the configured age. A failed fetch keeps the last good CRL until its
 * nextUpdate. Thread-safe: concurrent handshakes wait for one fetch.
 */
final class KeywardCrlCache {
  private static final System.Logger LOG = System.getLogger(KeywardCrlCache.class.getName());
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

  private final Supplier<CompletableFuture<X509CRL>> fetcher;
  private final List<X509Certificate> authorities;
  private final Duration maxAge;
  private final Clock clock;
  private X509CRL current;
  private Instant fetchedAt = Instant.MIN;

  /**
   * @param fetcher fetches the mount's CRL ({@code pki::crl} in the SDK)
   */
  KeywardCrlCache(
      Supplier<CompletableFuture<X509CRL>> fetcher,
      List<X509Certificate> authorities,
      Duration maxAge,
      Clock clock) {
    this.fetcher = fetcher;
    this.authorities = List.copyOf(authorities);
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** A CRL that is signed by the mount's CA and not past its nextUpdate, if one can be had. */
  synchronized Optional<X509CRL> usable() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(fetchedAt.plus(maxAge))) {
      fetch(now);
    }
    if (current == null
        || (current.getNextUpdate() != null && now.isAfter(current.getNextUpdate().toInstant()))) {
      return Optional.empty();
    }
    return Optional.of(current);
  }

  private void fetch(Instant now) {
    try {
      X509CRL crl = fetcher.get().get(FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!signedByAuthority(crl)) {
        LOG.log(Level.WARNING, "CRL from Keyward is not signed by the PKI mount's CA: ignored");
        return;
      }
      current = crl;
      fetchedAt = now;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.log(
          Level.WARNING,
          "cannot fetch the CRL from Keyward ("
              + Futures.cause(e).getClass().getSimpleName()
              + "); the last one is used until its nextUpdate");
    }
  }

  private boolean signedByAuthority(X509CRL crl) {
    for (X509Certificate authority : authorities) {
      if (!authority.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
        continue;
      }
      try {
        crl.verify(authority.getPublicKey());
        return true;
      } catch (Exception e) {
        // same name, another key: try the next one
      }
    }
    return false;
  }
}
