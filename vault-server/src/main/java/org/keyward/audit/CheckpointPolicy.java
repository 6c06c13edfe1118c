package org.keyward.audit;

import java.time.Duration;

/**
 * When a device asks for a signed checkpoint: after {@code everyRecords} records or once {@code
 * every} has passed since the last one, whichever comes first, and only if records were written
 * since. Signing is an HSM call, so it is batched this way and never made per request.
 */
public record CheckpointPolicy(int everyRecords, Duration every) {
  public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(1000, Duration.ofSeconds(10));

  public CheckpointPolicy {
    if (everyRecords < 1) {
      throw new IllegalArgumentException("checkpoint record count must be >= 1");
    }
    if (every == null || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("checkpoint interval must be positive");
    }
  }
}
