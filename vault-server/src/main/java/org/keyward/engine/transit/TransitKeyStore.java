package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.keyward.engine.AeadKeyCustody;
import org.keyward.http.ApiError;
import org.keyward.view.CompareAndSet;
import org.keyward.view.CompareAndSet.Plan;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewOp;

/**
 * Transit keys in the mount's storage view (one entry per key under {@code policy/}), with an
 * in-memory cache of decrypted keys: a read of a cached key touches no storage, a miss reads once.
 * Every change is an optimistic transaction on the revision read, retried on conflict, after which
 * the cache entry is replaced. Assumes this node is the only writer of the mount (no cross-node
 * invalidation). Counts encryptions per version and rotates a key whose latest version passes
 * {@code rotateAfterEncryptions}. Thread-safe; never blocks the caller (key pairs are generated on
 * a worker thread).
 */
final class TransitKeyStore {
  private static final System.Logger LOG = System.getLogger(TransitKeyStore.class.getName());
  private static final String PREFIX = "policy/";
  private static final int MAX_ATTEMPTS = 5;
  private static final byte[] NO_BYTES = new byte[0];

  private final StorageView view;
  private final Vertx vertx;
  private final Clock clock;
  private final long rotateAfterEncryptions;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, LoadedKey> cache = new ConcurrentHashMap<>();
  private final AeadKeyCustody custody;
  private final HsmKeyIds hsmKeyIds;

  /**
   * @param rotateAfterEncryptions encryptions under one version before it rotates itself (GCM's
   *     random-nonce limit is 2^32; production uses 2^31)
   * @param custody generates and destroys the versions of {@code hsm-aes256-gcm} keys
   */
  TransitKeyStore(
      StorageView view,
      Vertx vertx,
      Clock clock,
      long rotateAfterEncryptions,
      AeadKeyCustody custody,
      HsmKeyIds hsmKeyIds) {
    this.view = view;
    this.vertx = vertx;
    this.clock = clock;
    this.rotateAfterEncryptions = rotateAfterEncryptions;
    this.custody = custody;
    this.hsmKeyIds = hsmKeyIds;
  }

  /** The custodian's id of an {@code hsm-aes256-gcm} key. */
  String hsmKeyId(String name) {
    return hsmKeyIds.of(name);
  }

  /** The key, from the cache or (once) from storage; empty when there is none. */
  Future<Optional<LoadedKey>> find(KeyName name) {
    LoadedKey cached = cache.get(name.value());
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return view.read(PREFIX + name.value())
        .map(stored -> stored.map(s -> cache.computeIfAbsent(name.value(), n -> load(s, null))));
  }

  /** The key, or 400 {@code encryption key not found}, as Vault answers the crypto paths. */
  Future<LoadedKey> require(KeyName name) {
    return find(name)
        .map(k -> k.orElseThrow(() -> ApiError.badRequest("encryption key not found")));
  }

  /**
   * Creates the key unless it exists; either way answers the key as stored. {@code factory} gets
   * version 1's material.
   */
  Future<LoadedKey> create(KeyName name, KeyType type, Function<KeyVersion, TransitKey> factory) {
    return find(name)
        .compose(
            existing ->
                existing.isPresent()
                    ? Future.succeededFuture(existing.get())
                    : newVersion(name, type, 1)
                        .compose(
                            first -> {
                              TransitKey key = factory.apply(first);
                              return view.transaction(
                                      List.of(
                                          ViewOp.expect(PREFIX + name.value(), null),
                                          ViewOp.put(
                                              PREFIX + name.value(), TransitKeyCodec.encode(key))))
                                  .recover(
                                      e ->
                                          CompareAndSet.isConflict(e)
                                              ? Future.succeededFuture()
                                              : Future.failedFuture(e))
                                  .compose(ignored -> reload(name));
                            }));
  }

  /** Applies {@code change} to the stored key, retrying on a concurrent write. 400 if absent. */
  Future<LoadedKey> update(KeyName name, Function<TransitKey, TransitKey> change) {
    return updateAsync(name, k -> Future.succeededFuture(change.apply(k)));
  }

  /** Adds a new latest version. */
  Future<LoadedKey> rotate(KeyName name) {
    return updateAsync(
        name, k -> newVersion(name, k.type(), k.latestVersion() + 1).map(k::rotated));
  }

  /**
   * Deletes versions below {@code minAvailable}. For an HSM-resident key their HSM objects are
   * destroyed after the write; a failure there only leaves unused objects behind (logged).
   */
  Future<LoadedKey> trim(KeyName name, int minAvailable) {
    return update(name, k -> k.trimmed(minAvailable))
        .onSuccess(
            loaded -> {
              if (loaded.key().type().isHsmResident()) {
                List<Integer> gone = new ArrayList<>();
                for (int v = 1; v < minAvailable; v++) {
                  gone.add(v);
                }
                custody
                    .destroy(hsmKeyId(name.value()), gone)
                    .onFailure(
                        e ->
                            LOG.log(
                                Level.WARNING,
                                "destroying trimmed HSM versions of transit key {0} failed",
                                name));
              }
            });
  }

  /**
   * Deletes the key if its config allows; 400 otherwise. An HSM-resident key's objects are
   * destroyed before its entry: if that fails the request fails (503) and the entry stays, so a
   * retried delete finishes the job, and a key later made under the same name never finds the old
   * objects (its labels would be the same).
   */
  Future<Void> delete(KeyName name) {
    String path = PREFIX + name.value();
    return view.read(path)
        .compose(
            stored -> {
              if (stored.isEmpty()) {
                return Future.failedFuture(ApiError.badRequest("key not found"));
              }
              TransitKey key = TransitKeyCodec.decode(stored.get().plaintext());
              if (!key.deletionAllowed()) {
                return Future.failedFuture(
                    ApiError.badRequest("deletion is not allowed for this key"));
              }
              Future<Void> objects =
                  key.type().isHsmResident()
                      ? destroyAll(name, key.latestVersion())
                      : Future.succeededFuture();
              return objects.compose(
                  ignored ->
                      view.transaction(
                          List.of(
                              ViewOp.expect(path, stored.get().revision()), ViewOp.delete(path))));
            })
        .onSuccess(ignored -> cache.remove(name.value()));
  }

  private Future<Void> destroyAll(KeyName name, int latestVersion) {
    // Trimmed versions too: a destroy that failed after an earlier trim is finished here.
    List<Integer> all = new ArrayList<>();
    for (int v = 1; v <= latestVersion; v++) {
      all.add(v);
    }
    // The cache must not serve the key while its objects are going away.
    cache.remove(name.value());
    return custody.destroy(hsmKeyId(name.value()), all);
  }

  /**
   * Stores {@code key} (from a backup) as {@code name}: refused with 400 when a key of that name
   * exists, unless {@code force}; an {@code hsm-aes256-gcm} key is never overwritten (its HSM
   * objects would be orphaned). One conditional write, so a refusal changes nothing.
   */
  Future<LoadedKey> restore(KeyName name, TransitKey key, boolean force) {
    String path = PREFIX + name.value();
    return view.read(path)
        .compose(
            existing -> {
              if (existing.isPresent()) {
                if (!force) {
                  return Future.failedFuture(
                      ApiError.badRequest("key \"" + name + "\" already exists"));
                }
                TransitKey current = TransitKeyCodec.decode(existing.get().plaintext());
                if (current.type().isHsmResident()) {
                  return Future.failedFuture(
                      ApiError.badRequest(
                          "an hsm-aes256-gcm key cannot be overwritten by a restore; delete it"
                              + " first"));
                }
              }
              return view.transaction(
                  List.of(
                      ViewOp.expect(path, existing.map(StoredValue::revision).orElse(null)),
                      ViewOp.put(path, TransitKeyCodec.encode(key))));
            })
        .recover(
            e ->
                CompareAndSet.isConflict(e)
                    ? Future.failedFuture(
                        ApiError.badRequest("key \"" + name + "\" changed during the restore"))
                    : Future.failedFuture(e))
        .compose(ignored -> reload(name));
  }

  Future<List<String>> list() {
    return view.list(PREFIX);
  }

  /**
   * Counts one encryption under {@code version}; past the limit, starts one rotation in the
   * background (the encryption that crossed it still succeeds).
   */
  void countEncryption(LoadedKey key, int version) {
    countEncryptions(key, version, 1);
  }

  /** As {@link #countEncryption}, for {@code n} encryptions at once (a batch). */
  void countEncryptions(LoadedKey key, int version, int n) {
    long total = key.countEncryptions(version, n);
    if (total >= rotateAfterEncryptions
        && version == key.key().latestVersion()
        && key.claimRotation()) {
      KeyName name = new KeyName(key.key().name());
      rotate(name)
          .onFailure(
              e ->
                  LOG.log(
                      Level.WARNING,
                      "rotation of transit key {0} past its use limit failed",
                      name));
    }
  }

  /** Writes every cached key's counters that moved since they were stored. */
  Future<Void> persistCounts() {
    List<Future<LoadedKey>> writes = new ArrayList<>();
    for (LoadedKey loaded : cache.values()) {
      Map<Integer, Long> counted = loaded.encryptionCounts();
      counted.keySet().retainAll(loaded.key().versions().keySet());
      if (!counted.equals(loaded.key().encryptions())) {
        writes.add(update(new KeyName(loaded.key().name()), k -> k.withEncryptions(counted)));
      }
    }
    return Future.join(writes).mapEmpty();
  }

  private Future<LoadedKey> updateAsync(
      KeyName name, Function<TransitKey, Future<TransitKey>> change) {
    String path = PREFIX + name.value();
    return CompareAndSet.<Void>update(
            view,
            path,
            MAX_ATTEMPTS,
            stored -> {
              if (stored.isEmpty()) {
                cache.remove(name.value());
                return Future.failedFuture(ApiError.badRequest("key not found"));
              }
              TransitKey current = TransitKeyCodec.decode(stored.get().plaintext());
              return change
                  .apply(current)
                  .map(
                      next ->
                          Plan.write(
                              List.of(ViewOp.put(path, TransitKeyCodec.encode(next))), null));
            })
        .compose(ignored -> reload(name));
  }

  // Re-read after a write: the revision of what we wrote is only known from a read.
  private Future<LoadedKey> reload(KeyName name) {
    return view.read(PREFIX + name.value())
        .map(
            stored -> {
              StoredValue s = stored.orElseThrow(() -> ApiError.badRequest("key not found"));
              return cache.compute(name.value(), (n, previous) -> load(s, previous));
            });
  }

  private static LoadedKey load(StoredValue stored, LoadedKey previous) {
    return new LoadedKey(TransitKeyCodec.decode(stored.plaintext()), stored.revision(), previous);
  }

  private Future<KeyVersion> newVersion(KeyName name, KeyType type, int version) {
    long now = clock.instant().getEpochSecond();
    if (type.isHsmResident()) {
      // Nothing secret is stored: the version's key is the HSM object hsmKeyId-vN.
      return custody
          .generate(hsmKeyId(name.value()), version)
          .map(ignored -> new KeyVersion(now, NO_BYTES, NO_BYTES, null));
    }
    if (!type.isAsymmetric()) {
      return Future.succeededFuture(type.generate(now, random));
    }
    // RSA-3072 generation takes long enough to stall an event loop.
    return vertx.executeBlocking(() -> type.generate(now, random), false);
  }
}
