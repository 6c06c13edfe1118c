package org.keyward.engine.kv;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with the same key one after another, in arrival order, without blocking
 * any thread. Writers to one secret in this process thus never race for its revision; the revision
 * check in the transaction still guards against other processes. Thread-safe.
 */
final class KeyedSequencer {
  private final Map<String, Future<Void>> tails = new HashMap<>();

  /** Starts {@code task} once every earlier task with {@code key} has finished, either way. */
  <T> Future<T> run(String key, Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Future<Void> mine = done.future().transform(ignored -> Future.succeededFuture());
    Future<Void> previous;
    synchronized (tails) {
      previous = tails.getOrDefault(key, Future.succeededFuture());
      tails.put(key, mine);
    }
    mine.onComplete(
        ignored -> {
          synchronized (tails) {
            tails.remove(key, mine);
          }
        });
    previous.onComplete(ignored -> start(task, done));
    return done.future();
  }

  /** How many keys have tasks queued or running; for tests. */
  int busyKeys() {
    synchronized (tails) {
      return tails.size();
    }
  }

  private static <T> void start(Supplier<Future<T>> task, Promise<T> done) {
    Future<T> result;
    try {
      result = task.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(done);
  }
}
