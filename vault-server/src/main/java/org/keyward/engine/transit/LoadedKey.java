package org.keyward.engine.transit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.keyward.view.Revision;

/**
 * A cache entry: a key as last read or written, the revision for the next optimistic write, ready
 * ciphers per version (so a hot-path encrypt does no key setup) and live encryption counters.
 * Thread-safe; the key itself is immutable and replaced as a whole on every change.
 */
final class LoadedKey {
  private final TransitKey key;
  private final Revision revision;
  private final Map<Integer, AeadCipher> ciphers;
  private final ConcurrentHashMap<Integer, AtomicLong> counts;
  private final AtomicBoolean rotationRequested = new AtomicBoolean();

  LoadedKey(TransitKey key, Revision revision, LoadedKey previous) {
    this.key = key;
    this.revision = revision;
    Map<Integer, AeadCipher> ready = new TreeMap<>();
    if (key.type().isAead() && !key.derived()) {
      key.versions().forEach((n, v) -> ready.put(n, AeadCipher.reusable(key.type(), v.key())));
    }
    this.ciphers = Map.copyOf(ready);
    this.counts = new ConcurrentHashMap<>();
    key.encryptions().forEach((n, c) -> counts.put(n, new AtomicLong(c)));
    if (previous != null) {
      // Encryptions counted since the write began must not be lost with the old entry.
      previous.counts.forEach(
          (n, c) ->
              counts
                  .computeIfAbsent(n, x -> new AtomicLong())
                  .accumulateAndGet(c.get(), Math::max));
    }
  }

  TransitKey key() {
    return key;
  }

  Revision revision() {
    return revision;
  }

  /** The ready cipher of a non-derived AEAD key's version, or null. */
  AeadCipher cipher(int version) {
    return ciphers.get(version);
  }

  /** Counts {@code n} encryptions under {@code version}; returns the new total. */
  long countEncryptions(int version, int n) {
    return counts.computeIfAbsent(version, v -> new AtomicLong()).addAndGet(n);
  }

  /** A snapshot of the counters, for persisting. */
  Map<Integer, Long> encryptionCounts() {
    Map<Integer, Long> out = new TreeMap<>();
    counts.forEach((n, c) -> out.put(n, c.get()));
    return out;
  }

  /** True for the first caller only, so one key past its limit triggers one rotation. */
  boolean claimRotation() {
    return rotationRequested.compareAndSet(false, true);
  }
}
