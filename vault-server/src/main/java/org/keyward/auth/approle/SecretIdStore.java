package org.keyward.auth.approle;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keyward.http.ApiError;
import org.keyward.view.CompareAndSet;
import org.keyward.view.CompareAndSet.Plan;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewOp;

/**
 * Secret ids of one AppRole mount. Layout: {@code secret-id/<role>/<hmac(secret id)>} holds the
 * {@link SecretIdEntry}, {@code accessor/<role>/<accessor>} holds the hmac, so the secret id itself
 * is never stored. Using a secret id is a read followed by a transaction that expects the revision
 * read (decrement, or delete on the last use), retried on conflict: of N concurrent logins with a
 * one-use secret id exactly one wins. Expired entries are deleted when met and by {@link #tidy}.
 */
final class SecretIdStore {
  static final String INVALID_SECRET_ID = "invalid secret id";
  private static final int MAX_ATTEMPTS = 16;

  private final StorageView view;
  private final MountKey mountKey;
  private final Clock clock;

  SecretIdStore(StorageView view, MountKey mountKey, Clock clock) {
    this.view = view;
    this.mountKey = mountKey;
    this.clock = clock;
  }

  /** A new secret id and what was stored for it. The secret id is returned once, here. */
  record Created(String secretId, SecretIdEntry entry) {
    @Override
    public String toString() {
      return "Created[REDACTED, " + entry.accessor() + "]";
    }
  }

  Future<Created> create(RoleName role, long ttlSeconds, int numUses, Map<String, String> meta) {
    String secretId = RandomIds.next();
    Instant now = clock.instant();
    SecretIdEntry entry =
        new SecretIdEntry(
            RandomIds.next(),
            now,
            ttlSeconds == 0 ? null : now.plusSeconds(ttlSeconds),
            now,
            ttlSeconds,
            numUses,
            meta);
    return mountKey
        .hash("secret-id", secretId)
        .compose(
            h ->
                view.transaction(
                    List.of(
                        ViewOp.expect(entryKey(role, h), null),
                        ViewOp.expect(accessorKey(role, entry.accessor()), null),
                        ViewOp.put(entryKey(role, h), entry.toBytes()),
                        ViewOp.put(
                            accessorKey(role, entry.accessor()),
                            h.getBytes(StandardCharsets.UTF_8)))))
        .map(v -> new Created(secretId, entry));
  }

  /**
   * Spends one use of {@code secretId} for {@code role}; fails with 400 {@code invalid secret id}
   * when it is unknown, expired or used up. Atomic against concurrent use.
   */
  Future<SecretIdEntry> consume(RoleName role, String secretId) {
    return mountKey.hash("secret-id", secretId).compose(h -> consumeByHash(role, h));
  }

  private Future<SecretIdEntry> consumeByHash(RoleName role, String hash) {
    String key = entryKey(role, hash);
    return CompareAndSet.update(
        view,
        key,
        MAX_ATTEMPTS,
        found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(ApiError.badRequest(INVALID_SECRET_ID));
          }
          StoredValue stored = found.get();
          SecretIdEntry entry = SecretIdEntry.fromBytes(stored.plaintext());
          Instant now = clock.instant();
          if (entry.expiredAt(now)) {
            return deleteEntry(role, hash, entry, stored)
                .transform(ignored -> Future.failedFuture(ApiError.badRequest(INVALID_SECRET_ID)));
          }
          if (entry.remainingUses() == 0) {
            return Future.succeededFuture(Plan.unchanged(entry));
          }
          List<ViewOp> ops = new ArrayList<>();
          if (entry.remainingUses() == 1) {
            ops.add(ViewOp.delete(key));
            ops.add(ViewOp.delete(accessorKey(role, entry.accessor())));
          } else {
            ops.add(ViewOp.put(key, entry.usedOnceAt(now).toBytes()));
          }
          return Future.succeededFuture(Plan.write(ops, entry));
        });
  }

  Future<Optional<SecretIdEntry>> lookup(RoleName role, String secretId) {
    return mountKey.hash("secret-id", secretId).compose(h -> lookupByHash(role, h));
  }

  Future<Optional<SecretIdEntry>> lookupByAccessor(RoleName role, String accessor) {
    return hashOfAccessor(role, accessor)
        .compose(
            h ->
                h.isEmpty()
                    ? Future.succeededFuture(Optional.<SecretIdEntry>empty())
                    : lookupByHash(role, h.get()));
  }

  /** Deletes the secret id; no-op if unknown. */
  Future<Void> destroy(RoleName role, String secretId) {
    return mountKey.hash("secret-id", secretId).compose(h -> destroyByHash(role, h));
  }

  Future<Void> destroyByAccessor(RoleName role, String accessor) {
    return hashOfAccessor(role, accessor)
        .compose(h -> h.isEmpty() ? Future.succeededFuture() : destroyByHash(role, h.get()));
  }

  /** Accessors of the role's secret ids, sorted. */
  Future<List<String>> accessors(RoleName role) {
    return view.list("accessor/" + role.value() + "/")
        .map(keys -> keys.stream().filter(k -> !k.endsWith("/")).sorted().toList());
  }

  /** Deletes of every secret id and accessor of {@code role}, for the role's own deletion. */
  Future<List<ViewOp>> deleteAllOps(RoleName role) {
    String entries = "secret-id/" + role.value() + "/";
    String accessors = "accessor/" + role.value() + "/";
    return view.list(entries)
        .compose(
            e ->
                view.list(accessors)
                    .map(
                        a -> {
                          List<ViewOp> ops = new ArrayList<>();
                          e.forEach(k -> ops.add(ViewOp.delete(entries + k)));
                          a.forEach(k -> ops.add(ViewOp.delete(accessors + k)));
                          return ops;
                        }));
  }

  /** Deletes every expired secret id of every role; returns how many. */
  Future<Integer> tidy() {
    return view.list("secret-id/")
        .compose(
            roles -> {
              Future<Integer> total = Future.succeededFuture(0);
              for (String folder : roles) {
                if (!folder.endsWith("/")) {
                  continue;
                }
                RoleName role = RoleName.of(folder.substring(0, folder.length() - 1));
                total = total.compose(n -> tidy(role).map(m -> n + m));
              }
              return total;
            });
  }

  private Future<Integer> tidy(RoleName role) {
    return view.list("secret-id/" + role.value() + "/")
        .compose(
            hashes -> {
              Future<Integer> total = Future.succeededFuture(0);
              for (String h : hashes) {
                total = total.compose(n -> tidyOne(role, h).map(removed -> removed ? n + 1 : n));
              }
              return total;
            });
  }

  private Future<Boolean> tidyOne(RoleName role, String hash) {
    return view.read(entryKey(role, hash))
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(false);
              }
              SecretIdEntry entry = SecretIdEntry.fromBytes(found.get().plaintext());
              if (!entry.expiredAt(clock.instant())) {
                return Future.succeededFuture(false);
              }
              // A conflict means someone used or destroyed it meanwhile: nothing left to tidy.
              return deleteEntry(role, hash, entry, found.get())
                  .map(true)
                  .recover(
                      e ->
                          CompareAndSet.isConflict(e)
                              ? Future.succeededFuture(false)
                              : Future.failedFuture(e));
            });
  }

  private Future<Optional<SecretIdEntry>> lookupByHash(RoleName role, String hash) {
    return view.read(entryKey(role, hash))
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(Optional.<SecretIdEntry>empty());
              }
              SecretIdEntry entry = SecretIdEntry.fromBytes(found.get().plaintext());
              if (entry.expiredAt(clock.instant())) {
                return deleteEntry(role, hash, entry, found.get())
                    .transform(ignored -> Future.succeededFuture(Optional.<SecretIdEntry>empty()));
              }
              return Future.succeededFuture(Optional.of(entry));
            });
  }

  private Future<Void> destroyByHash(RoleName role, String hash) {
    return view.read(entryKey(role, hash))
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture()
                    : deleteEntry(
                        role, hash, SecretIdEntry.fromBytes(found.get().plaintext()), found.get()));
  }

  private Future<Void> deleteEntry(
      RoleName role, String hash, SecretIdEntry entry, StoredValue stored) {
    return view.transaction(
        List.of(
            ViewOp.expect(entryKey(role, hash), stored.revision()),
            ViewOp.delete(entryKey(role, hash)),
            ViewOp.delete(accessorKey(role, entry.accessor()))));
  }

  private Future<Optional<String>> hashOfAccessor(RoleName role, String accessor) {
    return view.get(accessorKey(role, accessor))
        .map(o -> o.map(b -> new String(b, StandardCharsets.UTF_8)));
  }

  private static String entryKey(RoleName role, String hash) {
    return "secret-id/" + role.value() + "/" + hash;
  }

  private static String accessorKey(RoleName role, String accessor) {
    return "accessor/" + role.value() + "/" + accessor;
  }
}
