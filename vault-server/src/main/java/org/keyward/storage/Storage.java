package org.keyward.storage;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Durable key-value rows beneath the barrier. Values are opaque (already encrypted); keys follow
 * {@link StorageKeys}. Every method returns at once and completes on a Vert.x context after the
 * blocking work ran on a storage worker; a completed write is durable (committed and synced).
 *
 * <p>Failures: {@link StorageException} for I/O or database errors (its message holds no SQL or
 * values), {@link StorageConflictException} when an {@link StorageOp#expect} did not hold, in which
 * case nothing of that transaction was applied.
 */
public interface Storage extends AutoCloseable {
  Future<Optional<StorageEntry>> get(String key);

  Future<Void> put(StorageEntry entry);

  /** Deleting an absent key succeeds. */
  Future<Void> delete(String key);

  /**
   * The immediate children of {@code prefix} (empty or ending in '/'), sorted: a key directly under
   * it by its last segment, a deeper key once as its first segment plus '/', as Vault's LIST shows
   * folders.
   */
  Future<List<String>> list(String prefix);

  /**
   * Every stored key that starts with {@code prefix}, sorted, strictly after {@code afterKey} (null
   * for the start), at most {@code limit}: for background scans such as re-encryption.
   */
  Future<List<String>> scan(String prefix, String afterKey, int limit);

  /** Applies all ops atomically and durably, or none (see {@link StorageConflictException}). */
  Future<Void> transaction(List<StorageOp> ops);

  /**
   * Runs {@code work} on a storage worker over every row as of one point in time (a single read
   * transaction), while writers go on; for snapshots. An {@link java.io.IOException} from the work
   * fails the future with a {@link StorageException} wrapping it.
   */
  default <T> Future<T> readConsistent(StoredRows.Work<T> work) {
    return Future.failedFuture(new StorageException(type() + " storage cannot take snapshots"));
  }

  /**
   * Replaces every row with those of {@code source}, atomically: when the source or the database
   * fails, the store is left exactly as it was. Writes from other callers wait or fail meanwhile.
   * Completes with the number of rows written.
   */
  default Future<Long> replaceAll(RowSource source) {
    return Future.failedFuture(new StorageException(type() + " storage cannot restore snapshots"));
  }

  /** A short name for logs and status, e.g. {@code sqlite}. */
  String type();

  @Override
  void close();
}
