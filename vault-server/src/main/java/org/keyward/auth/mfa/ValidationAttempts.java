package org.keyward.auth.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed TOTP validations per method and entity, as Vault counts {@code max_validation_attempts}:
 * the failure that reaches the limit blocks further validations of that pair for one TOTP period,
 * after which the count starts again; a success clears it. In memory and bounded (least recently
 * touched pairs forgotten first). Thread-safe.
 */
final class ValidationAttempts {
  private static final int CAPACITY = 10_000;

  private final Clock clock;
  private final Map<String, Count> byPair =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
          return size() > CAPACITY;
        }
      };

  ValidationAttempts(Clock clock) {
    this.clock = clock;
  }

  /** Seconds until {@code methodId}/{@code entityId} may validate again; 0 when it may now. */
  synchronized long blockedFor(String methodId, String entityId) {
    Count c = byPair.get(methodId + "/" + entityId);
    if (c == null || c.blockedUntil == null) {
      return 0;
    }
    long left = c.blockedUntil.getEpochSecond() - clock.instant().getEpochSecond();
    if (left <= 0) {
      byPair.remove(methodId + "/" + entityId);
      return 0;
    }
    return left;
  }

  /** Counts a failure; true when it reached {@code max} and the pair is now blocked. */
  synchronized boolean recordFailure(String methodId, String entityId, TotpMethod method) {
    Count c = byPair.computeIfAbsent(methodId + "/" + entityId, k -> new Count());
    c.failures++;
    if (c.failures >= method.maxValidationAttempts()) {
      c.blockedUntil = clock.instant().plusSeconds(method.period());
      return true;
    }
    return false;
  }

  synchronized void recordSuccess(String methodId, String entityId) {
    byPair.remove(methodId + "/" + entityId);
  }

  private static final class Count {
    int failures;
    Instant blockedUntil;
  }
}
