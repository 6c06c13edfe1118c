package org.keyward.barrier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries the unseal in the background with exponential backoff ({@code min} doubling up to {@code
 * max}) while the HSM or its KEK is missing. Once armed it stays armed until an attempt succeeds or
 * {@link #cancel()} is called (a manual seal, a manual unseal, shutdown). Thread-safe.
 */
final class UnsealRetry {
  private static final System.Logger LOG = System.getLogger(UnsealRetry.class.getName());

  private final Vertx vertx;
  private final Duration min;
  private final Duration max;
  private final Supplier<Future<Void>> attempt;
  private boolean armed; // guarded by this
  private long timer = -1; // guarded by this
  private Duration next;

  UnsealRetry(Vertx vertx, Duration min, Duration max, Supplier<Future<Void>> attempt) {
    this.vertx = vertx;
    this.min = min;
    this.max = max;
    this.attempt = attempt;
    this.next = min;
  }

  synchronized void arm() {
    armed = true;
    long delay = Math.max(1, next.toMillis());
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    timer = vertx.setTimer(delay, id -> fire());
  }

  private void fire() {
    synchronized (this) {
      timer = -1;
      if (!armed) {
        return;
      }
    }
    attempt
        .get()
        .onSuccess(v -> cancel())
        .onFailure(
            e -> {
              LOG.log(Level.DEBUG, "background unseal failed: " + e.getMessage());
              synchronized (this) {
                if (armed) {
                  arm();
                }
              }
            });
  }

  /** Attempts at once if armed (the HSM just came back), instead of at the next backoff step. */
  void fireNowIfArmed() {
    synchronized (this) {
      if (!armed) {
        return;
      }
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      next = min;
    }
    vertx.runOnContext(v -> fire());
  }

  synchronized boolean isArmed() {
    return armed;
  }

  /** Disarms and resets the backoff. */
  synchronized void cancel() {
    armed = false;
    next = min;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
