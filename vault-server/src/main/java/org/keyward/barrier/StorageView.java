package org.keyward.barrier;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * An engine's window onto the barrier: keys are relative to the mount's prefix, values are
 * plaintext here and encrypted with the storage path as associated data below. While sealed every
 * call fails with {@code ApiError.sealed()}; an entry that fails to authenticate (moved, flipped)
 * fails with a 500 {@code ApiError} saying so (the key goes only to the log), never returns
 * garbage. A key that is not a valid storage key fails with 400.
 */
public interface StorageView {
  Future<Optional<byte[]>> get(String key);

  /** The entry with the revision it was read at, for a later {@link ViewOp#expect}. */
  Future<Optional<StoredValue>> read(String key);

  Future<Void> put(String key, byte[] plaintext);

  Future<Void> delete(String key);

  /** Immediate children of {@code prefix} (empty or ending in '/'); folders end with '/'. */
  Future<List<String>> list(String prefix);

  /**
   * Applies all ops atomically; fails with {@code StorageConflictException} (and applies nothing)
   * when an expectation no longer holds, so callers re-read and retry.
   */
  Future<Void> transaction(List<ViewOp> ops);

  /** A view of the sub-prefix {@code prefix} (ending in '/'). */
  StorageView sub(String prefix);
}
