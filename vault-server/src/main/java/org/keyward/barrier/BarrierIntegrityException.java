package org.keyward.barrier;

/**
 * A stored entry did not authenticate under its path: it was moved, copied or altered outside
 * Keyward. The message names the key, never its bytes; it goes to the log, not to a client.
 */
public final class BarrierIntegrityException extends BarrierException {
  private static final long serialVersionUID = 1L;

  public BarrierIntegrityException(String key, Throwable cause) {
    super("integrity check failed for entry '" + key + "'", cause, true);
  }
}
