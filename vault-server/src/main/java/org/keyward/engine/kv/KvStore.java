package org.keyward.engine.kv;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.keyward.concurrent.KeyedSerialQueue;
import org.keyward.http.ApiError;
import org.keyward.view.CompareAndSet;
import org.keyward.view.CompareAndSet.Plan;
import org.keyward.view.StorageView;
import org.keyward.view.StoredValue;
import org.keyward.view.ViewOp;

/**
 * The KV engine's rows in its mount's {@link StorageView}: {@code config}, {@code meta/<hash>} (a
 * secret's {@link KeyMetadata}), {@code versions/<hash>/<n>} (one {@link SecretData} per version)
 * and {@code index/<path>} (a marker per secret, listed by {@code metadata} LIST).
 *
 * <p>Every change to a secret is one transaction that expects the metadata revision it was computed
 * from, so concurrent writers never lose or duplicate a version and a crash never leaves half a
 * secret. Within this process writers to one secret are queued; a conflict with another process is
 * retried up to {@value #MAX_ATTEMPTS} times. Reads never write. Thread-safe.
 */
final class KvStore {
  static final int MAX_ATTEMPTS = 5;
  private static final byte[] INDEX_MARKER = "{}".getBytes(StandardCharsets.UTF_8);

  /** Computes one change from the secret as stored now (empty: no such secret). */
  @FunctionalInterface
  interface Change<T> {
    Future<SecretUpdate<T>> apply(Optional<KeyMetadata> current, KvConfig config, Instant now);
  }

  private final StorageView view;
  private final Clock clock;
  private final KeyedSerialQueue sequencer = new KeyedSerialQueue();

  KvStore(StorageView view, Clock clock) {
    this.view = view;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  Future<KvConfig> config() {
    return view.get(KvConfig.STORAGE_KEY)
        .map(stored -> stored.map(b -> KvConfig.fromStorage(json(b))).orElse(KvConfig.DEFAULT));
  }

  /** Replaces the mount config with {@code change} applied to the stored one, atomically. */
  Future<KvConfig> updateConfig(UnaryOperator<KvConfig> change) {
    return sequencer.run(
        KvConfig.STORAGE_KEY,
        () ->
            CompareAndSet.update(
                    view,
                    KvConfig.STORAGE_KEY,
                    MAX_ATTEMPTS,
                    stored -> {
                      KvConfig next =
                          change.apply(
                              stored
                                  .map(s -> KvConfig.fromStorage(json(s.plaintext())))
                                  .orElse(KvConfig.DEFAULT));
                      return Future.succeededFuture(
                          Plan.write(
                              List.of(ViewOp.put(KvConfig.STORAGE_KEY, bytes(next.toStorage()))),
                              next));
                    })
                .recover(KvStore::tooManyConflicts));
  }

  Future<Optional<KeyMetadata>> metadata(SecretPath path) {
    return view.get(path.metadataKey())
        .map(stored -> stored.map(b -> KeyMetadata.fromStorage(json(b))));
  }

  /** The data of one version; empty if it was destroyed, pruned or never written. */
  Future<Optional<SecretData>> version(SecretPath path, long version) {
    return view.get(path.versionKey(version)).map(stored -> stored.map(SecretData::fromBytes));
  }

  /** Secret names and folders (ending in '/') directly below {@code folder} ("" or "a/b/"). */
  Future<List<String>> list(String folder) {
    return view.list(SecretPath.INDEX_PREFIX + folder);
  }

  /** The metadata entry with its revision, for an existence check whose read a write reuses. */
  Future<Optional<StoredValue>> readMetadata(SecretPath path) {
    return view.read(path.metadataKey());
  }

  /** Applies {@code change} to the secret at {@code path} in one guarded transaction. */
  <T> Future<T> update(SecretPath path, Change<T> change) {
    return update(path, change, null);
  }

  /**
   * As {@link #update(SecretPath, Change)}, but the first attempt starts from {@code firstRead}
   * (null: read it) rather than reading the metadata again; the revision it carries guards the
   * commit, and a retry always reads afresh.
   */
  <T> Future<T> update(SecretPath path, Change<T> change, MetadataRead firstRead) {
    Optional<StoredValue> read =
        firstRead != null && firstRead.path().equals(path) ? firstRead.stored() : null;
    return sequencer.run(
        path.metadataKey(),
        () ->
            CompareAndSet.update(
                    view,
                    path.metadataKey(),
                    read,
                    MAX_ATTEMPTS,
                    stored ->
                        config()
                            .compose(
                                config -> {
                                  Optional<KeyMetadata> current =
                                      stored.map(s -> KeyMetadata.fromStorage(json(s.plaintext())));
                                  return change
                                      .apply(current, config, now())
                                      .map(plan -> planOf(path, current.isPresent(), plan));
                                }))
                .recover(KvStore::tooManyConflicts));
  }

  /** The writes of {@code plan}; the guard on the metadata revision is the helper's. */
  private static <T> Plan<T> planOf(SecretPath path, boolean existed, SecretUpdate<T> plan) {
    if (!plan.changed()) {
      return Plan.unchanged(plan.result());
    }
    List<ViewOp> ops = new ArrayList<>();
    if (plan.next() == null) {
      ops.add(ViewOp.delete(path.metadataKey()));
      ops.add(ViewOp.delete(path.indexKey()));
    } else {
      ops.add(ViewOp.put(path.metadataKey(), bytes(plan.next().toStorage())));
      if (!existed) {
        ops.add(ViewOp.put(path.indexKey(), INDEX_MARKER));
      }
    }
    plan.added().forEach((n, data) -> ops.add(ViewOp.put(path.versionKey(n), data.toBytes())));
    plan.dropped().forEach(n -> ops.add(ViewOp.delete(path.versionKey(n))));
    return Plan.write(ops, plan.result());
  }

  /** After {@value #MAX_ATTEMPTS} lost races: 503, so the client retries later. */
  private static <T> Future<T> tooManyConflicts(Throwable e) {
    return Future.failedFuture(
        CompareAndSet.isConflict(e)
            ? ApiError.unavailable("too many concurrent updates of this secret, retry the request")
            : e);
  }

  private static JsonObject json(byte[] stored) {
    return new JsonObject(Buffer.buffer(stored));
  }

  private static byte[] bytes(JsonObject json) {
    return json.toBuffer().getBytes();
  }
}
