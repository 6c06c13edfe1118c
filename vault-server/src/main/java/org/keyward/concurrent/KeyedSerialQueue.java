package org.keyward.concurrent;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with the same key one after another, in arrival order, without blocking
 * any thread: a task starts once every earlier task with its key has finished, either way. Tasks
 * with different keys run independently. The one serial queue of the server: the seal's init,
 * unseal, seal and keyring changes (one key), the mount table's changes (one key), and the writers
 * of each KV secret (a key per secret). A task must not wait on a later task of the same key.
 * Thread-safe; a key is forgotten once its queue is empty.
 */
public final class KeyedSerialQueue {
  /** The key of a queue that serializes everything it runs. */
  private static final String ONLY = "";

  private final Map<String, Future<Void>> tails = new HashMap<>();

  /** Starts {@code task} once every earlier task with {@code key} has finished, either way. */
  public <T> Future<T> run(String key, Supplier<Future<T>> task) {
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

  /** As {@link #run(String, Supplier)}, for a queue whose every task shares one key. */
  public <T> Future<T> run(Supplier<Future<T>> task) {
    return run(ONLY, task);
  }

  /** How many keys have tasks queued or running. */
  public int busyKeys() {
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
