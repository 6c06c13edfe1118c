package org.keyward.storage;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Argument checks shared by the {@link Storage} backends: a call with a bad key, prefix, limit or
 * op returns a future failed with {@link IllegalArgumentException} at once and never reaches a
 * worker thread or the database.
 */
public final class ValidatedCall {
  /** Upper bound for one {@link Storage#scan} page, so a caller cannot pull a whole table. */
  public static final int MAX_SCAN_LIMIT = 10_000;

  private ValidatedCall() {}

  public static <T> Future<T> ifValidKey(String key, Supplier<Future<T>> call) {
    return StorageKeys.isValid(key)
        ? call.get()
        : Future.failedFuture(new IllegalArgumentException("invalid storage key"));
  }

  public static <T> Future<T> ifValidPrefix(String prefix, Supplier<Future<T>> call) {
    try {
      StorageKeys.requireValidPrefix(prefix);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return call.get();
  }

  public static <T> Future<T> ifValidScan(String prefix, int limit, Supplier<Future<T>> call) {
    if (prefix == null || limit < 1 || limit > MAX_SCAN_LIMIT) {
      return Future.failedFuture(
          new IllegalArgumentException("scan needs a prefix and a limit of 1.." + MAX_SCAN_LIMIT));
    }
    return call.get();
  }

  /**
   * Calls with an immutable copy of {@code ops} when every op is non-null with a valid key (the op
   * records can be built without the {@link StorageOp} factories); an empty list succeeds at once.
   */
  public static Future<Void> ifValidOps(
      List<StorageOp> ops, Function<List<StorageOp>, Future<Void>> call) {
    if (ops == null) {
      return Future.failedFuture(new IllegalArgumentException("transaction ops are null"));
    }
    for (StorageOp op : ops) {
      if (op == null || !StorageKeys.isValid(op.key())) {
        return Future.failedFuture(new IllegalArgumentException("invalid transaction op"));
      }
    }
    return ops.isEmpty() ? Future.succeededFuture() : call.apply(List.copyOf(ops));
  }
}
