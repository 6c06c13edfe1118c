package org.keyward.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Caps the requests a client has on the wire at once; the rest wait in order, without a thread.
 * Without it, thousands of async calls open thousands of TLS connections together and time out
 * connecting. Thread-safe.
 */
final class InFlightLimit {
  private final int max;
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int inFlight;

  InFlightLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("the in-flight limit must be at least 1");
    }
    this.max = max;
  }

  /** Completes when the caller may send; each completion must be matched by {@link #release}. */
  synchronized CompletableFuture<Void> acquire() {
    if (inFlight < max) {
      inFlight++;
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> turn = new CompletableFuture<>();
    waiting.add(turn);
    return turn;
  }

  void release() {
    CompletableFuture<Void> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
      }
    }
    // Hand the slot over outside the lock: completing runs the waiter's send.
    if (next != null) {
      next.complete(null);
    }
  }
}
