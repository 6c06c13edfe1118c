package org.keyward.client.cli;

/** Bad command-line input found after parsing (a malformed {@code key=value}); exit code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
