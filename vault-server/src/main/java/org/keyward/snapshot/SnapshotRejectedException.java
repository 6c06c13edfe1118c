package org.keyward.snapshot;

/**
 * A snapshot file that cannot be trusted or read: changed, truncated, spliced, signed by an unknown
 * key, or from another cluster without force. The message says which, in words fit for a 400 and
 * for the operator; it never holds entry values.
 */
public final class SnapshotRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SnapshotRejectedException(String message) {
    super(message, null, false, false);
  }
}
