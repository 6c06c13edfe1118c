package org.keyward.http;

import java.util.List;

/**
 * The one error a request can end with: an HTTP status plus public messages, rendered by {@link
 * ErrorHandler} as Vault's {@code {"errors":[...]}}. It carries no stack trace (it is a value that
 * travels in failed futures) and its messages go to the client as they are, so they must never hold
 * a secret, a {@code CKR_*} code or SQL. An internal cause may ride along for the log ({@link
 * #withCause}); it never reaches the client.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final List<String> messages;

  private ApiError(int status, List<String> messages) {
    this(status, messages, null);
  }

  private ApiError(int status, List<String> messages, Throwable cause) {
    super(messages.isEmpty() ? "HTTP " + status : String.join("; ", messages), cause, false, false);
    this.status = status;
    this.messages = List.copyOf(messages);
  }

  /**
   * The same public error, remembering what caused it: {@link ErrorHandler} logs a 5xx's cause
   * under the request id, so the client sees the message and the operator sees why.
   */
  public ApiError withCause(Throwable cause) {
    return new ApiError(status, messages, cause);
  }

  public static ApiError of(int status, String... messages) {
    return new ApiError(status, List.of(messages));
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, List.of(message));
  }

  public static ApiError badRequest(List<String> messages) {
    return new ApiError(400, messages);
  }

  public static ApiError permissionDenied() {
    return new ApiError(403, List.of("permission denied"));
  }

  /** 404 with an empty {@code errors} array, as Vault answers for a missing secret. */
  public static ApiError notFound() {
    return new ApiError(404, List.of());
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, List.of(message));
  }

  public static ApiError methodNotAllowed() {
    return new ApiError(405, List.of("unsupported operation"));
  }

  public static ApiError payloadTooLarge() {
    return new ApiError(413, List.of("request body too large"));
  }

  /** 403 for a login identity locked out after repeated failures, as Vault's user lockout. */
  public static ApiError lockedOut(String message) {
    return new ApiError(403, List.of(message));
  }

  public static ApiError internal() {
    return new ApiError(500, List.of("internal error"));
  }

  public static ApiError sealed() {
    return new ApiError(503, List.of("Vault is sealed"));
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, List.of(message));
  }

  public int status() {
    return status;
  }

  public List<String> messages() {
    return messages;
  }
}
