package org.keyward.engine.kv;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import org.keyward.http.ApiError;

/**
 * Vault's KV v2 rules as {@link KvStore.Change}s: versioning with check-and-set and pruning, soft
 * delete, undelete, destroy, and the secret's settings. Pure functions of the stored metadata;
 * {@link KvStore} does the reading and the guarded write.
 */
final class SecretChanges {
  static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";
  static final String CAS_REQUIRED = "check-and-set parameter required for this call";

  private SecretChanges() {}

  /** Adds a version holding {@code data}, pruning the oldest beyond {@code max_versions}. */
  static KvStore.Change<WriteResult> write(SecretPath path, OptionalLong cas, SecretData data) {
    return (current, config, now) ->
        Future.succeededFuture(addVersion(path, current, config, now, cas, data));
  }

  /**
   * Adds a version whose data is {@code newData(current data)}; 404 when there is no current
   * version and a non-written result when it is deleted or destroyed, as Vault's patch answers.
   */
  static KvStore.Change<WriteResult> patch(
      SecretPath path,
      OptionalLong cas,
      Function<Long, Future<Optional<SecretData>>> readVersion,
      Function<SecretData, SecretData> newData) {
    return (current, config, now) -> {
      KeyMetadata meta = current.orElseThrow(ApiError::notFound);
      checkCas(meta, config, cas);
      VersionMetadata latest = meta.current();
      if (latest == null) {
        throw ApiError.notFound();
      }
      if (!latest.liveAt(now)) {
        return Future.succeededFuture(
            SecretUpdate.unchanged(new WriteResult(meta, meta.currentVersion(), false)));
      }
      return readVersion
          .apply(meta.currentVersion())
          .map(
              data -> {
                SecretData base = data.orElseThrow(ApiError::notFound);
                return addVersion(path, current, config, now, cas, newData.apply(base));
              });
    };
  }

  /** Soft-deletes the current version (a no-op if it is gone already). */
  static KvStore.Change<Void> deleteLatest() {
    return (current, config, now) -> {
      if (current.isEmpty() || current.get().current() == null) {
        return Future.succeededFuture(SecretUpdate.unchanged(null));
      }
      return Future.succeededFuture(
          mark(current.get(), List.of(current.get().currentVersion()), now, Mark.DELETE));
    };
  }

  /** Soft-deletes, undeletes or destroys the listed versions; unknown versions are skipped. */
  static KvStore.Change<Void> mark(List<Long> versions, Mark mark) {
    return (current, config, now) ->
        Future.succeededFuture(
            current.isEmpty()
                ? SecretUpdate.unchanged(null)
                : mark(current.get(), versions, now, mark));
  }

  /** What {@link #mark(List, Mark)} does to each listed version. */
  enum Mark {
    DELETE,
    UNDELETE,
    DESTROY
  }

  /** Sets the secret's settings, creating the secret (without versions) if needed. */
  static KvStore.Change<Void> writeMetadata(
      SecretPath path, Function<MetadataSettings, MetadataSettings> change) {
    return (current, config, now) -> {
      KeyMetadata meta = current.orElseGet(() -> KeyMetadata.create(path.value(), now));
      return Future.succeededFuture(
          SecretUpdate.store(meta.withSettings(change.apply(meta.settings()), now), null));
    };
  }

  /** Changes the settings of an existing secret; 404 if there is none. */
  static KvStore.Change<Void> patchMetadata(Function<MetadataSettings, MetadataSettings> change) {
    return (current, config, now) -> {
      KeyMetadata meta = current.orElseThrow(ApiError::notFound);
      return Future.succeededFuture(
          SecretUpdate.store(meta.withSettings(change.apply(meta.settings()), now), null));
    };
  }

  /** Removes the secret: every version's data and its metadata. */
  static KvStore.Change<Void> deleteAll() {
    return (current, config, now) -> {
      if (current.isEmpty()) {
        return Future.succeededFuture(SecretUpdate.unchanged(null));
      }
      List<Long> dropped = new ArrayList<>();
      current
          .get()
          .versions()
          .forEach(
              (n, v) -> {
                if (!v.destroyed()) {
                  dropped.add(n);
                }
              });
      return Future.succeededFuture(SecretUpdate.remove(dropped, null));
    };
  }

  private static SecretUpdate<WriteResult> addVersion(
      SecretPath path,
      Optional<KeyMetadata> current,
      KvConfig config,
      Instant now,
      OptionalLong cas,
      SecretData data) {
    KeyMetadata meta = current.orElseGet(() -> KeyMetadata.create(path.value(), now));
    checkCas(meta, config, cas);
    long version = meta.currentVersion() + 1;
    TreeMap<Long, VersionMetadata> versions = new TreeMap<>(meta.versions());
    versions.put(version, new VersionMetadata(now, meta.deletionTimeFor(now, config), false));
    long keep = meta.effectiveMaxVersions(config);
    long oldest = meta.oldestVersion();
    List<Long> dropped = new ArrayList<>();
    while (versions.size() > keep) {
      Map.Entry<Long, VersionMetadata> first = versions.pollFirstEntry();
      if (!first.getValue().destroyed()) {
        dropped.add(first.getKey());
      }
      oldest = versions.firstKey();
    }
    KeyMetadata next = meta.withVersions(versions, version, oldest, now);
    return SecretUpdate.store(
        next, Map.of(version, data), dropped, new WriteResult(next, version, true));
  }

  private static void checkCas(KeyMetadata meta, KvConfig config, OptionalLong cas) {
    if (cas.isPresent()) {
      if (cas.getAsLong() != meta.currentVersion()) {
        throw ApiError.badRequest(CAS_MISMATCH);
      }
    } else if (config.casRequired() || meta.casRequired()) {
      throw ApiError.badRequest(CAS_REQUIRED);
    }
  }

  private static SecretUpdate<Void> mark(
      KeyMetadata meta, List<Long> versions, Instant now, Mark mark) {
    KeyMetadata next = meta;
    List<Long> dropped = new ArrayList<>();
    for (long n : versions) {
      VersionMetadata v = next.versions().get(n);
      if (v == null || v.destroyed()) {
        continue;
      }
      switch (mark) {
        case DELETE:
          if (!v.deletedAt(now)) {
            next = next.withVersion(n, v.withDeletionTime(now));
          }
          break;
        case UNDELETE:
          if (v.deletionTime() != null) {
            next = next.withVersion(n, v.withDeletionTime(null));
          }
          break;
        default:
          next = next.withVersion(n, v.asDestroyed());
          dropped.add(n);
          break;
      }
    }
    return next == meta
        ? SecretUpdate.unchanged(null)
        : SecretUpdate.store(next, Map.of(), dropped, null);
  }
}
