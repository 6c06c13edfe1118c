package org.keyward.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * A blocking storage call handed to a storage worker thread, whose result is delivered back on the
 * Vert.x context that made the call, so callers on an event loop never see their continuation run
 * on a JDBC thread. Capture happens when the call is made ({@link #capture}), completion later from
 * any thread.
 */
public final class WorkerCall<T> {
  private final Context context;
  private final Promise<T> promise = Promise.promise();

  private WorkerCall(Context context) {
    this.context = context;
  }

  /** Captures the caller's context (or a new one when called off Vert.x). */
  public static <T> WorkerCall<T> capture(Vertx vertx) {
    return new WorkerCall<>(vertx.getOrCreateContext());
  }

  /**
   * Runs {@code work} on {@code executor} and completes on the caller's context with its result or
   * the exception it threw. A shut-down executor fails the call with a {@link StorageException}.
   */
  public static <T> Future<T> submit(Vertx vertx, Executor executor, Supplier<T> work) {
    WorkerCall<T> call = capture(vertx);
    try {
      executor.execute(
          () -> {
            T result;
            try {
              result = work.get();
            } catch (Throwable t) { // every failure must reach the caller's future
              call.fail(t);
              return;
            }
            call.complete(result);
          });
    } catch (RejectedExecutionException e) {
      call.fail(new StorageException("storage is closed", e));
    }
    return call.future();
  }

  public Future<T> future() {
    return promise.future();
  }

  public void complete(T value) {
    context.runOnContext(v -> promise.complete(value));
  }

  public void fail(Throwable cause) {
    context.runOnContext(v -> promise.fail(cause));
  }
}
