package org.keyward.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.keyward.view.StorageView;
import org.keyward.view.ViewOp;

/**
 * Revokes a token and everything below it in the parent tree. Each token is tombstoned in the cache
 * before its rows are deleted, so it stops authenticating at once even while storage is slow; the
 * children go first so that a failure part-way leaves the parent (and a retry path) in place.
 */
final class TokenRevoker {
  private final StorageView view;
  private final TokenCache cache;
  private final LongSupplier clock;

  TokenRevoker(StorageView view, TokenCache cache, LongSupplier clock) {
    this.view = view;
    this.cache = cache;
    this.clock = clock;
  }

  Future<Void> revokeTree(TokenEntry entry) {
    cache.revoke(entry.hash(), clock.getAsLong());
    String childrenPrefix = "parent/" + entry.accessor() + "/";
    return view.list(childrenPrefix)
        .compose(
            children -> {
              List<Future<Void>> each = new ArrayList<>();
              for (String childAccessor : children) {
                each.add(revokeAccessor(childAccessor, childrenPrefix + childAccessor));
              }
              return Future.all(each);
            })
        .compose(v -> view.transaction(deletions(entry)));
  }

  /** Revokes every stored token matching {@code condition}, with its tree; returns how many. */
  Future<Integer> revokeWhere(Predicate<TokenEntry> condition) {
    return view.list("id/")
        .compose(
            hashes -> {
              List<Future<Boolean>> each = new ArrayList<>();
              for (String hash : hashes) {
                each.add(
                    view.get("id/" + hash)
                        .compose(
                            row -> {
                              if (row.isEmpty()) {
                                return Future.succeededFuture(false);
                              }
                              TokenEntry e = TokenEntry.fromBytes(row.get());
                              return condition.test(e)
                                  ? revokeTree(e).map(true)
                                  : Future.succeededFuture(false);
                            }));
              }
              return Future.all(each)
                  .map(all -> (int) each.stream().filter(Future::result).count());
            });
  }

  private Future<Void> revokeAccessor(String accessor, String parentLink) {
    return childEntry(accessor)
        .compose(
            child ->
                child.isPresent()
                    ? revokeTree(child.get())
                    : view.transaction(
                        List.of(ViewOp.delete(parentLink), ViewOp.delete("accessor/" + accessor))));
  }

  private Future<Optional<TokenEntry>> childEntry(String accessor) {
    return view.get("accessor/" + accessor)
        .compose(
            row -> {
              if (row.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
              }
              String hash =
                  new JsonObject(new String(row.get(), StandardCharsets.UTF_8)).getString("hash");
              cache.revoke(hash, clock.getAsLong());
              return view.get("id/" + hash).map(r -> r.map(TokenEntry::fromBytes));
            });
  }

  private static List<ViewOp> deletions(TokenEntry entry) {
    List<ViewOp> ops = new ArrayList<>();
    ops.add(ViewOp.delete("id/" + entry.hash()));
    ops.add(ViewOp.delete("accessor/" + entry.accessor()));
    if (!entry.parentAccessor().isEmpty()) {
      ops.add(ViewOp.delete("parent/" + entry.parentAccessor() + "/" + entry.accessor()));
    }
    return ops;
  }
}
