package org.keyward.view;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A view whose every call runs on a later turn of an event loop, as the barrier's worker pool
 * answers later, so concurrent callers really interleave between their reads and their writes.
 */
public final class DeferredStorageView implements StorageView {
  private final StorageView inner;
  private final Context context;

  public DeferredStorageView(StorageView inner, Context context) {
    this.inner = inner;
    this.context = context;
  }

  private <T> Future<T> later(Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(ignored -> call.get().onComplete(promise));
    return promise.future();
  }

  @Override
  public Future<Optional<byte[]>> get(String key) {
    return later(() -> inner.get(key));
  }

  @Override
  public Future<Optional<StoredValue>> read(String key) {
    return later(() -> inner.read(key));
  }

  @Override
  public Future<Void> put(String key, byte[] plaintext) {
    return later(() -> inner.put(key, plaintext));
  }

  @Override
  public Future<Void> delete(String key) {
    return later(() -> inner.delete(key));
  }

  @Override
  public Future<List<String>> list(String prefix) {
    return later(() -> inner.list(prefix));
  }

  @Override
  public Future<Void> transaction(List<ViewOp> ops) {
    return later(() -> inner.transaction(ops));
  }

  @Override
  public StorageView sub(String prefix) {
    return new DeferredStorageView(inner.sub(prefix), context);
  }
}
