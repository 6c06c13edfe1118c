package org.keyward.view;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * A mounted backend's window onto the barrier: keys are relative to the mount's prefix, values are
 * plaintext here and encrypted with the storage path as associated data below. While sealed every
 * call fails with the barrier's sealed exception; an entry that fails to authenticate (moved,
 * flipped) fails with its integrity exception, never returns garbage; the HTTP edge maps both. A
 * key that is not a valid storage key fails with a 400 {@code ApiError}. Read-modify-write goes
 * through {@link CompareAndSet}.
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
   * Applies all ops atomically; fails with {@link ViewConflictException} (and applies nothing) when
   * an expectation no longer holds, so callers re-read and retry ({@link CompareAndSet} does).
   */
  Future<Void> transaction(List<ViewOp> ops);

  /** A view of the sub-prefix {@code prefix} (ending in '/'). */
  StorageView sub(String prefix);
}
