package org.keyward.view;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a view and counts reads and writes, to prove a path does not touch storage; it can also run
 * one interfering action just before the next transaction, to provoke an optimistic-write conflict
 * deterministically.
 */
public final class CountingStorageView implements StorageView {
  private final StorageView delegate;
  public final AtomicInteger reads = new AtomicInteger();
  public final AtomicInteger writes = new AtomicInteger();
  private volatile Runnable beforeNextTransaction;

  public CountingStorageView(StorageView delegate) {
    this.delegate = delegate;
  }

  public int total() {
    return reads.get() + writes.get();
  }

  /** Runs {@code action} (once) right before the next transaction reaches the wrapped view. */
  public void beforeNextTransaction(Runnable action) {
    this.beforeNextTransaction = action;
  }

  @Override
  public Future<Optional<byte[]>> get(String key) {
    reads.incrementAndGet();
    return delegate.get(key);
  }

  @Override
  public Future<Optional<StoredValue>> read(String key) {
    reads.incrementAndGet();
    return delegate.read(key);
  }

  @Override
  public Future<Void> put(String key, byte[] plaintext) {
    writes.incrementAndGet();
    return delegate.put(key, plaintext);
  }

  @Override
  public Future<Void> delete(String key) {
    writes.incrementAndGet();
    return delegate.delete(key);
  }

  @Override
  public Future<List<String>> list(String prefix) {
    reads.incrementAndGet();
    return delegate.list(prefix);
  }

  @Override
  public Future<Void> transaction(List<ViewOp> ops) {
    writes.incrementAndGet();
    Runnable action = beforeNextTransaction;
    beforeNextTransaction = null;
    if (action != null) {
      action.run();
    }
    return delegate.transaction(ops);
  }

  @Override
  public StorageView sub(String prefix) {
    return new CountingStorageView(delegate.sub(prefix));
  }
}
