package org.keyward.barrier;

import io.vertx.core.Future;
import java.util.function.Supplier;
import org.keyward.concurrent.KeyedSerialQueue;

/**
 * Runs asynchronous steps one after another: init, unseal, seal and every keyring change go through
 * one queue so none sees another half done. A step must not wait on a later step of the same queue.
 * A single-key {@link KeyedSerialQueue}, under the name the seal and keyring admin use.
 */
final class SerialQueue {
  private final KeyedSerialQueue queue = new KeyedSerialQueue();

  <T> Future<T> submit(Supplier<Future<T>> step) {
    return queue.run(step);
  }
}
