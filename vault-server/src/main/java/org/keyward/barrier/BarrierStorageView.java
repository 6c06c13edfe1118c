package org.keyward.barrier;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageConflictException;
import org.keyward.storage.StorageKeys;
import org.keyward.storage.StorageOp;
import org.keyward.view.Revision;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewConflictException;
import org.keyward.view.ViewOp;

/**
 * A {@link StorageView} through the {@link Barrier}: keys are relative to {@code prefix}, the full
 * storage key is the associated data. A {@link Revision} is the stored ciphertext itself, so an
 * expectation becomes a compare on raw bytes inside the storage transaction, with no re-read. Raw
 * rows of the barrier ({@code core/keyring} and friends) cannot be reached through a view.
 */
final class BarrierStorageView implements StorageView {
  private final Barrier barrier;
  private final Storage storage;
  private final String prefix;

  BarrierStorageView(Barrier barrier, Storage storage, String prefix) {
    this.barrier = barrier;
    this.storage = storage;
    this.prefix = prefix;
  }

  @Override
  public Future<Optional<byte[]>> get(String key) {
    return read(key).map(v -> v.map(StoredValue::plaintext));
  }

  @Override
  public Future<Optional<StoredValue>> read(String key) {
    return whenUnsealed(
        () -> {
          String full = fullKey(key);
          return storage
              .get(full)
              .map(
                  e ->
                      e.map(
                          entry -> {
                            byte[] stored = entry.value();
                            byte[] plain = barrier.decryptEntry(full, stored);
                            return new StoredValue(plain, Revision.ofStored(stored));
                          }));
        });
  }

  @Override
  public Future<Void> put(String key, byte[] plaintext) {
    return transaction(List.of(ViewOp.put(key, plaintext)));
  }

  @Override
  public Future<Void> delete(String key) {
    return transaction(List.of(ViewOp.delete(key)));
  }

  @Override
  public Future<List<String>> list(String listPrefix) {
    return whenUnsealed(() -> storage.list(StorageKeys.requireValidPrefix(prefix + listPrefix)));
  }

  @Override
  public Future<Void> transaction(List<ViewOp> ops) {
    return whenUnsealed(
        () -> {
          List<Future<StorageOp>> steps = new ArrayList<>();
          for (ViewOp op : ops) {
            String full = fullKey(op.key());
            if (op instanceof ViewOp.Put put) {
              steps.add(barrier.encryptEntry(full, put.plaintext()).map(StorageOp::put));
            } else if (op instanceof ViewOp.Delete) {
              steps.add(Future.succeededFuture(StorageOp.delete(full)));
            } else if (op instanceof ViewOp.Expect expect) {
              Revision r = expect.revision();
              steps.add(
                  Future.succeededFuture(StorageOp.expect(full, r == null ? null : r.stored())));
            }
          }
          return Future.all(steps)
              .compose(
                  all -> {
                    List<StorageOp> storageOps = new ArrayList<>();
                    for (int i = 0; i < steps.size(); i++) {
                      storageOps.add(all.resultAt(i));
                    }
                    return storage.transaction(storageOps);
                  })
              .recover(this::conflictInView);
        });
  }

  @Override
  public StorageView sub(String subPrefix) {
    return new BarrierStorageView(
        barrier, storage, StorageKeys.requireValidPrefix(prefix + subPrefix));
  }

  /** A storage conflict in the view's own terms: the key relative to this view. */
  private <T> Future<T> conflictInView(Throwable failure) {
    if (failure instanceof StorageConflictException conflict) {
      String key = conflict.key();
      return Future.failedFuture(
          new ViewConflictException(key.startsWith(prefix) ? key.substring(prefix.length()) : key));
    }
    return Future.failedFuture(failure);
  }

  private String fullKey(String key) {
    String full = StorageKeys.requireValid(prefix + key);
    if (Barrier.RAW_ROWS.contains(full)) {
      throw new IllegalArgumentException("reserved storage key");
    }
    return full;
  }

  /**
   * Fails sealed before touching storage; turns a thrown exception into a failed future. A key that
   * is not a valid storage key came from a request path (too long, say): the client's mistake, so a
   * refusal. An integrity failure passes on as it is; the HTTP edge says what a client sees.
   */
  private <T> Future<T> whenUnsealed(Supplier<Future<T>> action) {
    if (barrier.isSealed()) {
      return Future.failedFuture(new VaultSealedException());
    }
    try {
      return action.get();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new BarrierRefusalException("invalid path"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
