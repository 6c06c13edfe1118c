package org.keyward.client;

import java.time.Duration;

/**
 * How a {@link RenewingTlsIdentity} checks that the peers it accepts (clients of a server, the
 * server a client calls) are not revoked: against the CRL of the PKI mount that issued the
 * identity, fetched from Keyward (unauthenticated {@code <mount>/crl}), its signature checked
 * against the mount's CA, and fetched again at the first handshake after it is {@link
 * #maxAge(Duration)} old. When no CRL can be had (Keyward unreachable and the cached CRL past its
 * nextUpdate, or none yet), a fail-closed check refuses the peer; a fail-open one accepts it and
 * logs a warning. The default is {@link #crl()}: 30 s, fail-closed. Immutable.
 */
public final class PeerRevocation {
  private static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);

  private final boolean enabled;
  private final Duration maxAge;
  private final boolean failOpen;

  private PeerRevocation(boolean enabled, Duration maxAge, boolean failOpen) {
    this.enabled = enabled;
    this.maxAge = maxAge;
    this.failOpen = failOpen;
  }

  /** Check peers against Keyward's CRL: refetched after 30 s, fail-closed. */
  public static PeerRevocation crl() {
    return new PeerRevocation(true, DEFAULT_MAX_AGE, false);
  }

  /** No revocation check: peers are accepted on their chain alone. */
  public static PeerRevocation none() {
    return new PeerRevocation(false, DEFAULT_MAX_AGE, false);
  }

  /**
   * How old a fetched CRL may be before the next handshake fetches it again; zero fetches it at
   * every handshake (a revocation then takes effect at the next one).
   */
  public PeerRevocation maxAge(Duration age) {
    if (age == null || age.isNegative()) {
      throw new IllegalArgumentException("maxAge must be zero or positive");
    }
    return new PeerRevocation(enabled, age, failOpen);
  }

  /** Accept (and log) peers while no CRL can be had, instead of refusing them. */
  public PeerRevocation failOpen(boolean open) {
    return new PeerRevocation(enabled, maxAge, open);
  }

  boolean enabled() {
    return enabled;
  }

  Duration maxAge() {
    return maxAge;
  }

  boolean isFailOpen() {
    return failOpen;
  }

  @Override
  public String toString() {
    return enabled
        ? "PeerRevocation[crl, maxAge " + maxAge + (failOpen ? ", fail-open]" : ", fail-closed]")
        : "PeerRevocation[none]";
  }
}
