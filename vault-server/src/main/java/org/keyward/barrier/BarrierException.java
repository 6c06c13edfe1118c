package org.keyward.barrier;

/**
 * A failure the barrier reports in its own terms: sealed, an entry failing its integrity check, a
 * refused administrative request. The barrier chooses no HTTP status; the HTTP edge maps each
 * subtype once ({@code server.BarrierErrorTranslator}), so callers pass these on untouched.
 */
public abstract class BarrierException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BarrierException(String message, Throwable cause, boolean withStackTrace) {
    super(message, cause, false, withStackTrace);
  }
}
