package org.keyward.barrier;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts GCM encryptions per keyring key. Counting is an atomic increment; persistence works by
 * reservation: the stored number for a key is a ceiling that was made durable <em>before</em> any
 * encryption up to it happened. After a crash the true count therefore never exceeds the stored
 * one, and {@link #load} starts from the ceiling: a restart over-counts by at most one reservation
 * block and never under-counts. A clean seal stores the exact counts.
 *
 * <p>Thread-safe. The barrier decides when to reserve; this class only does the arithmetic.
 */
final class EncryptionCounters {
  static final String KEY = "core/counters";

  private final ConcurrentHashMap<Integer, AtomicLong> used = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Long> ceilings = new ConcurrentHashMap<>();

  /** Counts one encryption under {@code keyId} and returns the new count. */
  long increment(int keyId) {
    return used.computeIfAbsent(keyId, k -> new AtomicLong()).incrementAndGet();
  }

  long used(int keyId) {
    AtomicLong n = used.get(keyId);
    return n == null ? 0 : n.get();
  }

  /** The durable ceiling for {@code keyId}: encryptions up to it need no further write. */
  long ceiling(int keyId) {
    return ceilings.getOrDefault(keyId, 0L);
  }

  /** Records that {@code ceiling} is now durable for {@code keyId}. */
  void ceilingPersisted(int keyId, long ceiling) {
    ceilings.merge(keyId, ceiling, Math::max);
  }

  /** Raises the count of {@code keyId} to at least {@code floor}; never lowers it. */
  void raiseTo(int keyId, long floor) {
    used.computeIfAbsent(keyId, k -> new AtomicLong()).accumulateAndGet(floor, Math::max);
  }

  /** Forgets keys no longer in the keyring. */
  void retainOnly(java.util.Set<Integer> keyIds) {
    used.keySet().retainAll(keyIds);
    ceilings.keySet().retainAll(keyIds);
  }

  /** The stored form: key id to count, each either a reserved ceiling or an exact count. */
  static byte[] toBytes(Map<Integer, Long> counts) {
    JsonObject json = new JsonObject();
    counts.forEach((id, n) -> json.put(Integer.toUnsignedString(id), n));
    return json.toBuffer().getBytes();
  }

  Map<Integer, Long> exactCounts() {
    Map<Integer, Long> out = new HashMap<>();
    used.forEach((id, n) -> out.put(id, n.get()));
    return out;
  }

  /**
   * Starts from stored counts: each is taken as both the count used so far and the ceiling, since
   * the true count after a crash is at most the stored ceiling.
   */
  void load(byte[] stored) {
    used.clear();
    ceilings.clear();
    if (stored == null) {
      return;
    }
    JsonObject json = new JsonObject(new String(stored, StandardCharsets.UTF_8));
    for (String id : json.fieldNames()) {
      int keyId = Integer.parseUnsignedInt(id);
      long n = json.getLong(id);
      used.put(keyId, new AtomicLong(n));
      ceilings.put(keyId, n);
    }
  }
}
