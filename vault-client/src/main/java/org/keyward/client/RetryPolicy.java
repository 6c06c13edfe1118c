package org.keyward.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How idempotent calls are retried after a 429, a 5xx or a connection error: at most {@code
 * maxAttempts} attempts in all, waiting an exponentially growing delay (from {@code initialDelay},
 * capped at {@code maxDelay}) of which a random half is jitter, so many clients that failed
 * together do not come back together. Calls that are not idempotent are never retried.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
  /** 4 attempts, 200 ms doubling up to 5 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5));

  /** One attempt only. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
  Duration delayAfter(int attempt) {
    long cap = maxDelay.toMillis();
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    long ceiling = Math.min(cap, base < 0 ? cap : base);
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  /** Whether an answer with {@code status} is worth another attempt. */
  static boolean retryableStatus(int status) {
    return status == 429 || (status >= 500 && status != 501);
  }
}
