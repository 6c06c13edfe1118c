package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.keyward.http.ApiError;

/** What a fuzz target may end with: success or the engine's own 4xx, nothing else. */
final class FuzzOutcomes {
  private FuzzOutcomes() {}

  /**
   * Runs {@code action}; an {@link ApiError} with a 4xx status is an accepted refusal, any other
   * exception (or a 5xx) escapes and Jazzer reports it with the input.
   */
  static void onlyClientErrors(Runnable action) {
    try {
      action.run();
    } catch (ApiError e) {
      assertTrue(e.status() >= 400 && e.status() < 500, "status " + e.status() + ": " + e);
    }
  }
}
