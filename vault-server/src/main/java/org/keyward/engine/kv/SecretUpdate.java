package org.keyward.engine.kv;

import java.util.List;
import java.util.Map;

/**
 * What one change to a secret writes, computed from the metadata read just before: the new metadata
 * (null: the secret is removed), version data to add, version data to drop, and what to answer.
 * {@link KvStore} turns it into a single transaction guarded by the metadata's revision.
 *
 * @param changed false when nothing needs writing (e.g. deleting an already deleted version)
 */
record SecretUpdate<T>(
    boolean changed, KeyMetadata next, Map<Long, SecretData> added, List<Long> dropped, T result) {
  SecretUpdate {
    added = Map.copyOf(added);
    dropped = List.copyOf(dropped);
  }

  static <T> SecretUpdate<T> unchanged(T result) {
    return new SecretUpdate<>(false, null, Map.of(), List.of(), result);
  }

  static <T> SecretUpdate<T> store(KeyMetadata next, T result) {
    return new SecretUpdate<>(true, next, Map.of(), List.of(), result);
  }

  static <T> SecretUpdate<T> store(
      KeyMetadata next, Map<Long, SecretData> added, List<Long> dropped, T result) {
    return new SecretUpdate<>(true, next, added, dropped, result);
  }

  static <T> SecretUpdate<T> remove(List<Long> dropped, T result) {
    return new SecretUpdate<>(true, null, Map.of(), dropped, result);
  }
}
