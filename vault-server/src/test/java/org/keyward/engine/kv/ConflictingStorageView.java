package org.keyward.engine.kv;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewOp;

/**
 * A view that plays "another server": right after the next {@code times} reads of {@code key}, it
 * rewrites that entry (same bytes, new revision), so the reader's transaction then conflicts.
 */
final class ConflictingStorageView implements StorageView {
  private final StorageView inner;
  private final String key;
  private int remaining;
  private int caused;

  ConflictingStorageView(StorageView inner, String key, int times) {
    this.inner = inner;
    this.key = key;
    this.remaining = times;
  }

  int conflictsCaused() {
    return caused;
  }

  @Override
  public Future<Optional<StoredValue>> read(String k) {
    return inner
        .read(k)
        .compose(
            value -> {
              if (!k.equals(key) || remaining == 0 || value.isEmpty()) {
                return Future.succeededFuture(value);
              }
              remaining--;
              caused++;
              byte[] same = value.get().plaintext();
              return inner.put(k, same).map(value);
            });
  }

  @Override
  public Future<Optional<byte[]>> get(String k) {
    return inner.get(k);
  }

  @Override
  public Future<Void> put(String k, byte[] plaintext) {
    return inner.put(k, plaintext);
  }

  @Override
  public Future<Void> delete(String k) {
    return inner.delete(k);
  }

  @Override
  public Future<List<String>> list(String prefix) {
    return inner.list(prefix);
  }

  @Override
  public Future<Void> transaction(List<ViewOp> ops) {
    return inner.transaction(ops);
  }

  @Override
  public StorageView sub(String prefix) {
    throw new UnsupportedOperationException("not needed by the kv store: " + prefix.length());
  }

  @Override
  public String toString() {
    return "ConflictingStorageView[" + key + "]";
  }
}
