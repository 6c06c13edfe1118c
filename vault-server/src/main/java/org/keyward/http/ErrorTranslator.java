package org.keyward.http;

/**
 * Turns a lower layer's own exception (the barrier's sealed or integrity failure, say) into the
 * {@link ApiError} a client sees. The HTTP edge holds exactly one, so each such status is chosen in
 * one place; this package cannot know those types, so the composition root supplies it.
 */
@FunctionalInterface
public interface ErrorTranslator {
  /** Knows no failure: everything that is not an {@link ApiError} is a 500. */
  ErrorTranslator NONE = failure -> null;

  /**
   * The public error for {@code failure}, or null when this translator does not know it. May log
   * the failure itself, or attach it with {@link ApiError#withCause} for the edge to log.
   */
  ApiError toApiError(Throwable failure);
}
