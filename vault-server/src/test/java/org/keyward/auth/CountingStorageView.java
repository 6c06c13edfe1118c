package org.keyward.auth;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewOp;

/** Wraps a view and counts reads and writes, to prove a path does not touch storage. */
final class CountingStorageView implements StorageView {
  private final StorageView delegate;
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();

  CountingStorageView(StorageView delegate) {
    this.delegate = delegate;
  }

  int total() {
    return reads.get() + writes.get();
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
    return delegate.transaction(ops);
  }

  @Override
  public StorageView sub(String prefix) {
    return new CountingStorageView(delegate.sub(prefix));
  }
}
