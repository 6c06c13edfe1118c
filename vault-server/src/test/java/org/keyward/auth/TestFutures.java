package org.keyward.auth;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keyward.http.ApiError;

/** Waits for futures on the test thread (never an event loop) and unwraps their failures. */
public final class TestFutures {
  private TestFutures() {}

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError("future failed", e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }

  /** The {@link ApiError} the future failed with; fails the test if it succeeded or failed else. */
  public static ApiError apiError(Future<?> future) {
    try {
      await(future);
    } catch (ApiError e) {
      return e;
    }
    throw new AssertionError("expected an ApiError");
  }
}
