package org.keyward.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes {@link Storage#list} over a store that can return its keys in sorted order from a lower
 * bound. A folder costs one seek, not one row per key beneath it: after the first key of a folder
 * the walk jumps to the folder name followed by '0', the character after '/', which sorts after
 * every key inside the folder. That holds for any byte-wise (code point) key order, which both
 * SQLite's BINARY collation and PostgreSQL's "C" collation give.
 */
public final class ChildKeys {
  /** Rows fetched per seek; leaves are read in batches of this size. */
  public static final int BATCH = 256;

  /** Sorted keys from a bound, at most {@code limit}; inclusive or strictly after it. */
  @FunctionalInterface
  public interface SortedKeys {
    List<String> from(String bound, boolean inclusive, int limit) throws SQLException;
  }

  private ChildKeys() {}

  /** The children of {@code prefix} (empty or ending in '/'), folders with a trailing '/'. */
  public static List<String> list(String prefix, SortedKeys keys) throws SQLException {
    List<String> children = new ArrayList<>();
    String bound = prefix;
    boolean inclusive = true;
    while (true) {
      List<String> batch = keys.from(bound, inclusive, BATCH);
      String next = null;
      for (String key : batch) {
        if (!key.startsWith(prefix)) {
          return children;
        }
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
          children.add(rest);
          continue;
        }
        children.add(rest.substring(0, slash + 1));
        next = prefix + rest.substring(0, slash) + '0';
        break;
      }
      if (next != null) {
        bound = next;
        inclusive = true;
      } else if (batch.size() < BATCH) {
        return children;
      } else {
        bound = batch.get(batch.size() - 1);
        inclusive = false;
      }
    }
  }

  /** The keys of one {@link Storage#scan} page: the leading run of {@code sorted} under prefix. */
  public static List<String> scanPage(String prefix, List<String> sorted) {
    List<String> page = new ArrayList<>();
    for (String key : sorted) {
      if (!key.startsWith(prefix)) {
        break;
      }
      page.add(key);
    }
    return page;
  }
}
