package org.keyward.view;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A {@link StorageView} over a map, for engine unit tests that need no barrier or database. It
 * keeps the view's contract: revisions change on every write, expectations are checked atomically,
 * lists show folders with a trailing slash.
 */
public final class InMemoryStorageView implements StorageView {
  private final TreeMap<String, byte[]> rows;
  private final String prefix;

  public InMemoryStorageView() {
    this(new TreeMap<>(), "");
  }

  private InMemoryStorageView(TreeMap<String, byte[]> rows, String prefix) {
    this.rows = rows;
    this.prefix = prefix;
  }

  /** Raw access for assertions: every key under this view, relative to it. */
  public synchronized List<String> keys() {
    List<String> out = new ArrayList<>();
    for (String k : rows.keySet()) {
      if (k.startsWith(prefix)) {
        out.add(k.substring(prefix.length()));
      }
    }
    return out;
  }

  /** Raw access for assertions: every row under this view as UTF-8 text, by relative key. */
  public Map<String, String> rowsAsText() {
    return rows(v -> new String(v, StandardCharsets.UTF_8));
  }

  /** As {@link #rowsAsText} for binary rows: each value base64-encoded. */
  public Map<String, String> rowsAsBase64() {
    return rows(Base64.getEncoder()::encodeToString);
  }

  private synchronized Map<String, String> rows(Function<byte[], String> encoding) {
    Map<String, String> out = new TreeMap<>();
    for (String k : keys()) {
      out.put(k, encoding.apply(rows.get(prefix + k)));
    }
    return out;
  }

  @Override
  public synchronized Future<Optional<byte[]>> get(String key) {
    byte[] v = rows.get(prefix + key);
    return Future.succeededFuture(Optional.ofNullable(v).map(byte[]::clone));
  }

  @Override
  public synchronized Future<Optional<StoredValue>> read(String key) {
    byte[] v = rows.get(prefix + key);
    if (v == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return Future.succeededFuture(Optional.of(new StoredValue(v, revisionOf(v))));
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
  public synchronized Future<List<String>> list(String listPrefix) {
    String full = prefix + listPrefix;
    TreeSet<String> out = new TreeSet<>();
    for (Map.Entry<String, byte[]> e : rows.tailMap(full, true).entrySet()) {
      String k = e.getKey();
      if (!k.startsWith(full)) {
        break;
      }
      String rest = k.substring(full.length());
      int slash = rest.indexOf('/');
      out.add(slash < 0 ? rest : rest.substring(0, slash + 1));
    }
    return Future.succeededFuture(new ArrayList<>(out));
  }

  @Override
  public synchronized Future<Void> transaction(List<ViewOp> ops) {
    for (ViewOp op : ops) {
      if (op instanceof ViewOp.Expect expect) {
        byte[] current = rows.get(prefix + expect.key());
        Revision want = expect.revision();
        boolean holds =
            want == null ? current == null : current != null && want.equals(revisionOf(current));
        if (!holds) {
          return Future.failedFuture(new ViewConflictException(expect.key()));
        }
      }
    }
    for (ViewOp op : ops) {
      if (op instanceof ViewOp.Put put) {
        rows.put(prefix + put.key(), put.plaintext().clone());
      } else if (op instanceof ViewOp.Delete del) {
        rows.remove(prefix + del.key());
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public StorageView sub(String subPrefix) {
    return new InMemoryStorageView(rows, prefix + subPrefix);
  }

  // The same bytes written twice must still count as a new revision, as in the barrier where
  // every write has a fresh nonce: each write stores a new array, so its identity tells them apart.
  private Revision revisionOf(byte[] value) {
    byte[] tagged = new byte[value.length + 8];
    System.arraycopy(value, 0, tagged, 0, value.length);
    long stamp = System.identityHashCode(value);
    for (int i = 0; i < 8; i++) {
      tagged[value.length + i] = (byte) (stamp >>> (8 * i));
    }
    return Revision.ofStored(tagged);
  }
}
