package org.keyward.client;

import java.util.List;

/**
 * A failed call: the HTTP status (0 when no answer came: connection refused, timeout), the server's
 * public {@code errors} messages, and the {@code X-Keyward-Request-Id} the SDK sent, so a failure
 * in a caller's log can be matched with the server's. Never carries a secret: request bodies and
 * tokens are not part of it.
 */
public class VaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final List<String> errors;
  private final String requestId;

  public VaultException(
      String operation, int status, List<String> errors, String requestId, Throwable cause) {
    super(message(operation, status, errors, requestId), cause);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.requestId = requestId;
  }

  private static String message(String operation, int status, List<String> errors, String id) {
    String what = status == 0 ? "no response" : "status " + status;
    return operation
        + " failed: "
        + what
        + (errors.isEmpty() ? "" : " " + errors)
        + (id == null ? "" : " (request id " + id + ")");
  }

  /** The HTTP status, or 0 when the server could not be reached or did not answer in time. */
  public int status() {
    return status;
  }

  /** The server's {@code errors} messages (empty for a bare 404 or no answer). */
  public List<String> errors() {
    return errors;
  }

  /** The request id sent as {@code X-Keyward-Request-Id}. */
  public String requestId() {
    return requestId;
  }

  /** 404: the path holds nothing. */
  public boolean isNotFound() {
    return status == 404;
  }

  /** 403: the token is unknown, expired, or its policies do not allow the call. */
  public boolean isPermissionDenied() {
    return status == 403;
  }
}
