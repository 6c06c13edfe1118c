package org.keyward.view;

/**
 * A {@link ViewOp#expect} in a {@link StorageView#transaction} no longer held: someone wrote the
 * entry since it was read, and the transaction applied nothing. Re-read and try again, as {@link
 * CompareAndSet} does. Carries no stack trace: it is an expected outcome that travels in failed
 * futures. The message names the key relative to the view, never a value.
 */
public final class ViewConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ViewConflictException(String key) {
    super("storage conflict on '" + key + "'", null, false, false);
  }
}
