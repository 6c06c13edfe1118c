package org.keyward.storage;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Storage} over a sorted map, for unit tests. It keeps the contract the real backends
 * keep: keys are validated, transactions are all-or-nothing with their expectations checked first,
 * lists show folders once with a trailing slash, scans are sorted and paged. Futures complete at
 * once on the calling thread.
 *
 * <p>{@link #failWritesAfter(int)} simulates a crash: after that many more successful writes, every
 * write fails and nothing more is stored, as if the process had died there.
 */
public final class InMemoryStorage implements Storage {
  private final TreeMap<String, byte[]> rows = new TreeMap<>();
  private final AtomicInteger writesLeft = new AtomicInteger(Integer.MAX_VALUE);

  /** Raw access for assertions: the stored bytes of {@code key}, or null. */
  public synchronized byte[] raw(String key) {
    byte[] v = rows.get(key);
    return v == null ? null : v.clone();
  }

  /** Overwrites a row behind the barrier's back, as an attacker with database access could. */
  public synchronized void putRaw(String key, byte[] value) {
    rows.put(StorageKeys.requireValid(key), value.clone());
  }

  /** Every stored key, sorted. */
  public synchronized List<String> keys() {
    return new ArrayList<>(rows.keySet());
  }

  /** After {@code writes} more successful writes, every write fails (a simulated crash). */
  public void failWritesAfter(int writes) {
    writesLeft.set(writes);
  }

  @Override
  public synchronized Future<Optional<StorageEntry>> get(String key) {
    StorageKeys.requireValid(key);
    byte[] v = rows.get(key);
    return Future.succeededFuture(Optional.ofNullable(v).map(b -> new StorageEntry(key, b)));
  }

  @Override
  public Future<Void> put(StorageEntry entry) {
    return transaction(List.of(StorageOp.put(entry)));
  }

  @Override
  public Future<Void> delete(String key) {
    return transaction(List.of(StorageOp.delete(key)));
  }

  @Override
  public synchronized Future<List<String>> list(String prefix) {
    StorageKeys.requireValidPrefix(prefix);
    TreeSet<String> out = new TreeSet<>();
    for (String k : rows.tailMap(prefix, true).keySet()) {
      if (!k.startsWith(prefix)) {
        break;
      }
      String rest = k.substring(prefix.length());
      int slash = rest.indexOf('/');
      out.add(slash < 0 ? rest : rest.substring(0, slash + 1));
    }
    return Future.succeededFuture(new ArrayList<>(out));
  }

  @Override
  public synchronized Future<List<String>> scan(String prefix, String afterKey, int limit) {
    StorageKeys.requireValidPrefix(prefix);
    if (limit < 1) {
      return Future.failedFuture(new IllegalArgumentException("limit must be >= 1"));
    }
    Map<String, byte[]> tail =
        afterKey == null ? rows.tailMap(prefix, true) : rows.tailMap(afterKey, false);
    List<String> out = new ArrayList<>();
    for (String k : tail.keySet()) {
      if (out.size() == limit) {
        break;
      }
      if (k.startsWith(prefix)) {
        out.add(k);
      } else if (k.compareTo(prefix) > 0) {
        break;
      }
    }
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<Void> transaction(List<StorageOp> ops) {
    for (StorageOp op : ops) {
      if (op instanceof StorageOp.Expect expect) {
        byte[] current = rows.get(expect.key());
        byte[] want = expect.value();
        boolean holds =
            want == null
                ? current == null
                : current != null && java.util.Arrays.equals(want, current);
        if (!holds) {
          return Future.failedFuture(new StorageConflictException(expect.key()));
        }
      }
    }
    if (writesLeft.getAndDecrement() <= 0) {
      writesLeft.set(0);
      return Future.failedFuture(new StorageException("simulated crash: storage is gone"));
    }
    for (StorageOp op : ops) {
      if (op instanceof StorageOp.Put put) {
        rows.put(put.entry().key(), put.entry().value());
      } else if (op instanceof StorageOp.Delete del) {
        rows.remove(del.key());
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public String type() {
    return "inmem";
  }

  @Override
  public void close() {}
}
