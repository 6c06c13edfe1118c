package org.keyward.engine.transit;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the encryptions of one request (or one chunk of a batch) per key version, to add them to
 * the key's shared counters in one step per version instead of one per item: a batch of 1,000 items
 * under one version then touches the counter, and its use-limit check, once. Not thread-safe: one
 * per chunk, filled on the thread that encrypts, added on the event loop.
 */
final class EncryptionTally {
  private final Map<Integer, Integer> earlier = new HashMap<>();
  private int version;
  private int pending;

  /** One encryption under {@code keyVersion}. */
  void add(int keyVersion) {
    if (keyVersion != version) {
      park();
      version = keyVersion;
    }
    pending++;
  }

  /** Adds everything counted to {@code key}'s counters (see TransitKeyStore#countEncryptions). */
  void addTo(TransitKeyStore store, LoadedKey key) {
    park();
    earlier.forEach((v, n) -> store.countEncryptions(key, v, n));
    earlier.clear();
  }

  private void park() {
    if (pending > 0) {
      earlier.merge(version, pending, Integer::sum);
      pending = 0;
    }
  }
}
