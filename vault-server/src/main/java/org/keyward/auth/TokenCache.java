package org.keyward.auth;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Token entries by hash, so the request path answers a known token without storage. A revoked token
 * leaves a tombstone rather than a gap: a storage read that started before the revocation and ends
 * after it cannot put the entry back. Every change to one hash is atomic (per-key {@code compute}),
 * so it is safe from the event loop and storage callbacks alike.
 */
final class TokenCache {
  /** How long a tombstone outlives its revocation: far longer than any storage read takes. */
  static final long TOMBSTONE_SECONDS = 600;

  private sealed interface Slot permits Live, Revoked {}

  private record Live(TokenEntry entry) implements Slot {}

  private record Revoked(long at) implements Slot {}

  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  /** Whether {@code hash} has a slot, live or revoked; if not, storage must be asked. */
  boolean knows(String hash) {
    return slots.containsKey(hash);
  }

  /**
   * The live entry; empty if revoked or unknown. A slot only ever goes from live to revoked, or is
   * purged once expired or long revoked, so reading after {@link #knows} is safe.
   */
  Optional<TokenEntry> get(String hash) {
    return slots.get(hash) instanceof Live live ? Optional.of(live.entry) : Optional.empty();
  }

  /** Caches an entry read from storage unless something (a revocation) got there first. */
  Optional<TokenEntry> putLoaded(TokenEntry entry) {
    Slot slot = slots.computeIfAbsent(entry.hash(), k -> new Live(entry));
    return slot instanceof Live live ? Optional.of(live.entry) : Optional.empty();
  }

  /** Caches a new token. */
  void put(TokenEntry entry) {
    slots.put(entry.hash(), new Live(entry));
  }

  /**
   * Applies {@code change} to a live cached entry atomically; returns the new entry, or empty if
   * the token is not cached live. {@code change} may return null to revoke it.
   */
  Optional<TokenEntry> update(String hash, UnaryOperator<TokenEntry> change, long now) {
    Slot slot =
        slots.computeIfPresent(
            hash,
            (k, current) -> {
              if (!(current instanceof Live live)) {
                return current;
              }
              TokenEntry next = change.apply(live.entry);
              return next == null ? new Revoked(now) : new Live(next);
            });
    return slot instanceof Live live ? Optional.of(live.entry) : Optional.empty();
  }

  /** Marks {@code hash} revoked: from now on it authenticates nothing. */
  void revoke(String hash, long now) {
    slots.put(hash, new Revoked(now));
  }

  /** Drops expired entries and old tombstones; returns how many slots it removed. */
  int purge(long now) {
    int before = slots.size();
    slots
        .entrySet()
        .removeIf(
            e ->
                e.getValue() instanceof Revoked r
                    ? now - r.at >= TOMBSTONE_SECONDS
                    : ((Live) e.getValue()).entry.expiredAt(now));
    return before - slots.size();
  }

  /** Forgets everything, e.g. on seal. */
  void clear() {
    slots.clear();
  }
}
