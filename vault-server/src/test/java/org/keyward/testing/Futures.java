package org.keyward.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.Future;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keyward.http.ApiError;

/**
 * Waits for Vert.x futures on the test thread (never an event loop): the one way tests do, so a
 * hang fails the test after {@value #TIMEOUT_SECONDS} s instead of blocking the suite, and a
 * failure reaches the test as what it is.
 */
public final class Futures {
  public static final long TIMEOUT_SECONDS = 30;

  private Futures() {}

  /**
   * The result; a failure is rethrown as is when unchecked ({@link ApiError}, say) and wrapped in a
   * {@link CompletionException} when checked.
   */
  public static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CompletionException(cause);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }

  /** What {@code future} failed with; fails the test if it succeeded. */
  public static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
    throw new AssertionError("expected a failure, but the future succeeded");
  }

  /** The {@link ApiError} {@code future} failed with; fails the test otherwise. */
  public static ApiError apiError(Future<?> future) {
    return assertInstanceOf(ApiError.class, failure(future));
  }
}
