package org.keyward.auth.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keyward.auth.TokenGrant;

/**
 * Logins that passed their first factor and wait for {@code sys/mfa/validate}, by {@code
 * mfa_request_id}. A request lives {@link #DEFAULT_TTL} (five minutes, as Vault's login MFA
 * requests); after that its id is refused and the login starts over. In memory, like Vault's: a
 * restart or a seal drops them all, which costs a person one more password prompt.
 *
 * <p>{@link #take} removes the request it returns, so only one validation of a request runs at a
 * time and a request can be turned into a token once; a failed validation puts it back with {@link
 * #putBack}. Bounded: past {@code capacity} the oldest request is dropped. Thread-safe.
 */
final class PendingMfaLogins {
  static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  static final int CAPACITY = 10_000;

  /** One waiting login: the grant it will become, its entity and the enforcements to satisfy. */
  record Pending(
      String id,
      TokenGrant grant,
      String entityId,
      List<LoginEnforcement> enforcements,
      Instant expires) {
    Pending {
      enforcements = List.copyOf(enforcements);
    }
  }

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Pending> byId =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
          return size() > CAPACITY;
        }
      };

  PendingMfaLogins(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  synchronized Pending add(TokenGrant grant, String entityId, List<LoginEnforcement> enforcements) {
    Pending p =
        new Pending(
            UUID.randomUUID().toString(), grant, entityId, enforcements, clock.instant().plus(ttl));
    byId.put(p.id(), p);
    return p;
  }

  /** Removes and returns the live request {@code id}; empty if unknown, taken or expired. */
  synchronized Optional<Pending> take(String id) {
    Pending p = byId.remove(id);
    if (p == null || !clock.instant().isBefore(p.expires())) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /** Puts back a request whose validation failed but may be retried. */
  synchronized void putBack(Pending p) {
    if (clock.instant().isBefore(p.expires())) {
      byId.put(p.id(), p);
    }
  }

  synchronized int size() {
    return byId.size();
  }
}
