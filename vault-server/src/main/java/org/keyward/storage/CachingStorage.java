package org.keyward.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A read-through cache of rows as stored (still barrier-encrypted) in front of another {@link
 * Storage}, as Vault's physical cache: a hit completes at once on the caller's thread, with no
 * worker hop and no database round trip. Absent rows are cached too.
 *
 * <p>The cache is only right while every write to the store passes through it, so it serves only
 * between {@link #startServing()} and {@link #stopServing()}: the owner starts it when this node
 * becomes the one writer (unsealed, HA active) and stops it when it stops being so; stopping drops
 * every row, so a node that leads again starts cold. While stopped, calls go straight through.
 *
 * <p>Writes never fill the cache; they drop their keys before they start and again when they end,
 * whatever the outcome (a failed or conflicting transaction may still have reached the database). A
 * read fills only if no write to its key's stripe, and no clear, happened between its start and its
 * end, so a read racing a write never leaves the old row behind. Thread-safe.
 */
public final class CachingStorage implements Storage {
  /** Rows larger than this count as one entry per started block against the size bound. */
  static final int WEIGHT_BLOCK = 4096;

  private static final int STRIPES = 256; // a power of two

  private final Storage backend;
  private final Cache<String, Optional<StorageEntry>> rows;
  // Bumped by each invalidation of a key in the stripe, and in every stripe by each clear.
  private final AtomicLongArray epochs = new AtomicLongArray(STRIPES);
  private volatile boolean serving;

  /**
   * @param maxEntries the bound on cached rows; a row over {@value #WEIGHT_BLOCK} bytes counts once
   *     per started block, so the cache holds at most about {@code maxEntries * 4 KiB} of rows
   */
  public CachingStorage(Storage backend, long maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("cache size must be at least 1");
    }
    this.backend = backend;
    this.rows =
        Caffeine.newBuilder()
            .maximumWeight(maxEntries)
            .weigher(CachingStorage::weight)
            // Evict on the calling thread: it is O(1) amortized and starts no pool threads.
            .executor(Runnable::run)
            .recordStats()
            .build();
  }

  private static int weight(String key, Optional<StorageEntry> row) {
    return row.map(e -> 1 + (e.size() - 1) / WEIGHT_BLOCK).orElse(1);
  }

  /** This node is the one writer from now on: cache reads. */
  public void startServing() {
    clear();
    serving = true;
  }

  /** This node may no longer be the one writer: drop every row and read through. */
  public void stopServing() {
    serving = false;
    clear();
  }

  /** Counts for metrics; hits and misses count only reads made while serving. */
  public Stats stats() {
    var s = rows.stats();
    return new Stats(s.hitCount(), s.missCount(), s.evictionCount(), rows.estimatedSize());
  }

  /** Cumulative hits, misses and evictions, and the rows held now. */
  public record Stats(long hits, long misses, long evictions, long size) {}

  @Override
  public Future<Optional<StorageEntry>> get(String key) {
    if (!StorageKeys.isValid(key)) {
      return backend.get(key);
    }
    int stripe = stripe(key);
    // Read before the serving flag: a stop clears the flag before it bumps every epoch, so a read
    // that still saw "serving" either sees the bump at its fill or took its epoch after it, when
    // the flag already read false.
    long epoch = epochs.get(stripe);
    if (!serving) {
      return backend.get(key);
    }
    Optional<StorageEntry> hit = rows.getIfPresent(key);
    if (hit != null) {
      return Future.succeededFuture(hit);
    }
    return backend.get(key).onSuccess(row -> fill(key, stripe, epoch, row));
  }

  private void fill(String key, int stripe, long epoch, Optional<StorageEntry> row) {
    if (epochs.get(stripe) != epoch) {
      return;
    }
    rows.put(key, row);
    // An invalidation bumps the epoch before it removes, so one that ran between the check above
    // and the put is seen here, and the row it meant to drop goes.
    if (epochs.get(stripe) != epoch) {
      rows.asMap().remove(key, row);
    }
  }

  @Override
  public Future<Void> put(StorageEntry entry) {
    String key = entry.key();
    invalidate(key);
    return backend.put(entry).onComplete(ar -> invalidate(key));
  }

  @Override
  public Future<Void> delete(String key) {
    if (!StorageKeys.isValid(key)) {
      return backend.delete(key);
    }
    invalidate(key);
    return backend.delete(key).onComplete(ar -> invalidate(key));
  }

  @Override
  public Future<Void> transaction(List<StorageOp> ops) {
    List<String> written = new ArrayList<>();
    if (ops != null) {
      for (StorageOp op : ops) {
        if (!(op instanceof StorageOp.Expect) && op != null && StorageKeys.isValid(op.key())) {
          written.add(op.key());
        }
      }
    }
    written.forEach(this::invalidate);
    return backend.transaction(ops).onComplete(ar -> written.forEach(this::invalidate));
  }

  @Override
  public Future<Long> replaceAll(RowSource source) {
    clear();
    return backend.replaceAll(source).onComplete(ar -> clear());
  }

  @Override
  public Future<List<String>> list(String prefix) {
    return backend.list(prefix);
  }

  @Override
  public Future<List<String>> scan(String prefix, String afterKey, int limit) {
    return backend.scan(prefix, afterKey, limit);
  }

  @Override
  public <T> Future<T> readConsistent(StoredRows.Work<T> work) {
    return backend.readConsistent(work);
  }

  @Override
  public String type() {
    return backend.type();
  }

  @Override
  public void close() {
    stopServing();
    backend.close();
  }

  private void invalidate(String key) {
    epochs.incrementAndGet(stripe(key));
    rows.invalidate(key);
  }

  private void clear() {
    for (int i = 0; i < STRIPES; i++) {
      epochs.incrementAndGet(i);
    }
    rows.invalidateAll();
  }

  private static int stripe(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }
}
