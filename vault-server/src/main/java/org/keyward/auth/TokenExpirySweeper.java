package org.keyward.auth;

import io.vertx.core.Vertx;

/**
 * Revokes expired tokens in storage every {@code periodMillis} on a Vert.x timer. Expired tokens
 * are already refused on use; this keeps storage and the cache from growing with dead entries. A
 * sweep failure (e.g. sealed) is logged without details and retried on the next tick.
 */
public final class TokenExpirySweeper {
  private static final System.Logger LOG = System.getLogger(TokenExpirySweeper.class.getName());

  private final Vertx vertx;
  private final TokenStore store;
  private final long periodMillis;
  private long timerId = -1;
  private boolean running;

  public TokenExpirySweeper(Vertx vertx, TokenStore store, long periodMillis) {
    if (periodMillis < 1) {
      throw new IllegalArgumentException("sweep period must be positive");
    }
    this.vertx = vertx;
    this.store = store;
    this.periodMillis = periodMillis;
  }

  /** Starts the timer; call once. */
  public synchronized void start() {
    if (timerId < 0) {
      timerId = vertx.setPeriodic(periodMillis, id -> sweepOnce());
    }
  }

  public synchronized void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private synchronized void sweepOnce() {
    if (running) {
      return; // the previous sweep is still going: skip a tick rather than pile up
    }
    running = true;
    store
        .sweepExpired()
        .onComplete(
            ar -> {
              synchronized (this) {
                running = false;
              }
              if (ar.failed()) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "token expiry sweep failed: " + ar.cause().getClass().getSimpleName());
              } else if (ar.result() > 0) {
                LOG.log(System.Logger.Level.DEBUG, "revoked " + ar.result() + " expired tokens");
              }
            });
  }
}
