package org.keyward.engine.transit;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewOp;

/**
 * A {@link StorageView} wrapper that counts reads and can run one interfering action just before
 * the next transaction, to provoke an optimistic-write conflict deterministically.
 */
final class CountingStorageView implements StorageView {
  private final StorageView inner;
  final AtomicInteger reads = new AtomicInteger();
  private volatile Runnable beforeNextTransaction;

  CountingStorageView(StorageView inner) {
    this.inner = inner;
  }

  void beforeNextTransaction(Runnable action) {
    this.beforeNextTransaction = action;
  }

  @Override
  public Future<Optional<byte[]>> get(String key) {
    reads.incrementAndGet();
    return inner.get(key);
  }

  @Override
  public Future<Optional<StoredValue>> read(String key) {
    reads.incrementAndGet();
    return inner.read(key);
  }

  @Override
  public Future<Void> put(String key, byte[] plaintext) {
    return inner.put(key, plaintext);
  }

  @Override
  public Future<Void> delete(String key) {
    return inner.delete(key);
  }

  @Override
  public Future<List<String>> list(String prefix) {
    return inner.list(prefix);
  }

  @Override
  public Future<Void> transaction(List<ViewOp> ops) {
    Runnable action = beforeNextTransaction;
    beforeNextTransaction = null;
    if (action != null) {
      action.run();
    }
    return inner.transaction(ops);
  }

  @Override
  public StorageView sub(String prefix) {
    return new CountingStorageView(inner.sub(prefix));
  }
}
