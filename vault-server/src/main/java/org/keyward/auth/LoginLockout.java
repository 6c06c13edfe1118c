package org.keyward.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.keyward.http.ApiError;

/**
 * Counts failed logins per canonical identity and locks an identity out after {@code maxFailures}
 * failures within {@code window}, for {@code lockoutDuration}, even when the next attempt carries
 * correct credentials. A success resets the count.
 *
 * <p>Callers pass the identity already canonical (AppRole: the trimmed, lower-cased role id; cert:
 * the SHA-256 of the leaf DER), and this class canonicalises strings once more (trim, lower case),
 * so spelling variants of one identity share one counter (CVE-2025-6004 counted them apart).
 *
 * <p>A locked-out attempt is refused with 403 {@code too many failed login attempts; try again
 * later}, as Vault's user lockout answers 403 (permission denied); the message, unlike Vault's,
 * says that waiting helps, so an operator does not chase a wrong secret.
 *
 * <p>In memory and bounded: past {@code capacity} identities the least recently touched is
 * forgotten, so a flood of made-up identities costs memory once, not without end. State is lost on
 * restart. Thread-safe (one lock; each call is a map update).
 */
public final class LoginLockout {
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Duration lockoutDuration;
  private final Clock clock;
  private final Map<String, Failures> byIdentity;
  private final java.util.ArrayDeque<Instant> lockouts = new java.util.ArrayDeque<>();

  static final int LOCKOUT_HISTORY = 10_000;

  /**
   * @param maxFailures failures within {@code window} that lock an identity out, at least 1
   * @param capacity identities remembered at most, at least 1
   */
  public LoginLockout(
      int maxFailures, Duration window, Duration lockoutDuration, int capacity, Clock clock) {
    if (maxFailures < 1 || capacity < 1) {
      throw new IllegalArgumentException("maxFailures and capacity must be at least 1");
    }
    if (window.isNegative() || window.isZero() || lockoutDuration.isNegative()) {
      throw new IllegalArgumentException("window must be positive, lockout not negative");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.lockoutDuration = lockoutDuration;
    this.clock = clock;
    this.byIdentity =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The counter key for {@code identity}: trimmed and lower-cased (Locale.ROOT). */
  public static String canonical(String identity) {
    return identity.strip().toLowerCase(Locale.ROOT);
  }

  static final String LOCKED_OUT = "too many failed login attempts; try again later";

  /** Throws 403 if {@code identity} is locked out now; call before checking credentials. */
  public void checkAllowed(String identity) {
    if (isLockedOut(identity)) {
      throw ApiError.lockedOut(LOCKED_OUT);
    }
  }

  public synchronized boolean isLockedOut(String identity) {
    Failures f = byIdentity.get(canonical(identity));
    return f != null && f.lockedUntil != null && clock.instant().isBefore(f.lockedUntil);
  }

  /** Counts a failure; the {@code maxFailures}-th within the window starts a lockout. */
  public synchronized void recordFailure(String identity) {
    Instant now = clock.instant();
    String key = canonical(identity);
    Failures f = byIdentity.get(key);
    if (f == null
        || now.isAfter(f.windowStart.plus(window))
        || (f.lockedUntil != null && !now.isBefore(f.lockedUntil))) {
      f = new Failures(now);
      byIdentity.put(key, f);
    }
    f.count++;
    if (f.count >= maxFailures && f.lockedUntil == null) {
      f.lockedUntil = now.plus(lockoutDuration);
      lockouts.addLast(now);
      if (lockouts.size() > LOCKOUT_HISTORY) {
        lockouts.removeFirst();
      }
    }
  }

  /** Forgets the identity's failures; call after a successful login. */
  public synchronized void recordSuccess(String identity) {
    byIdentity.remove(canonical(identity));
  }

  /**
   * Lockouts that started at or after {@code since} on this node since it started (the compliance
   * report asks for the last 30 days); at most the last {@value #LOCKOUT_HISTORY} are remembered.
   */
  public synchronized int lockoutsSince(Instant since) {
    int n = 0;
    for (Instant at : lockouts) {
      if (!at.isBefore(since)) {
        n++;
      }
    }
    return n;
  }

  /** Identities currently remembered, for tests and metrics. */
  public synchronized int size() {
    return byIdentity.size();
  }

  private static final class Failures {
    final Instant windowStart;
    int count;
    Instant lockedUntil;

    Failures(Instant windowStart) {
      this.windowStart = windowStart;
    }
  }
}
