package org.keyward.barrier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs asynchronous steps one after another: init, unseal, seal and every keyring change go through
 * one queue so none sees another half done. A step must not wait on a later step of the same queue.
 */
final class SerialQueue {
  private Future<Void> tail = Future.succeededFuture(); // guarded by this

  synchronized <T> Future<T> submit(Supplier<Future<T>> step) {
    Promise<T> done = Promise.promise();
    tail =
        tail.transform(
            ignored -> {
              Future<T> result;
              try {
                result = step.get();
              } catch (RuntimeException e) {
                result = Future.failedFuture(e);
              }
              result.onComplete(done);
              return done.future().transform(r -> Future.<Void>succeededFuture());
            });
    return done.future();
  }
}
