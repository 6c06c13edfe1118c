package org.keyward.auth.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keyward.auth.TestClock;
import org.keyward.auth.TokenGrant;

class PendingMfaLoginsTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final PendingMfaLogins pending =
      new PendingMfaLogins(clock, PendingMfaLogins.DEFAULT_TTL);

  @Test
  void take_afterTtl_isRefused() {
    PendingMfaLogins.Pending p = pending.add(grant(), "e", List.of());
    clock.advance(PendingMfaLogins.DEFAULT_TTL);
    assertTrue(pending.take(p.id()).isEmpty());
  }

  @Test
  void take_twice_givesTheRequestOnce() {
    PendingMfaLogins.Pending p = pending.add(grant(), "e", List.of());
    clock.advance(Duration.ofMinutes(4));
    assertEquals(p, pending.take(p.id()).orElseThrow());
    assertTrue(pending.take(p.id()).isEmpty());
  }

  @Test
  void putBack_afterFailedValidation_canBeTakenAgainUntilExpiry() {
    PendingMfaLogins.Pending p = pending.add(grant(), "e", List.of());
    pending.putBack(pending.take(p.id()).orElseThrow());
    assertTrue(pending.take(p.id()).isPresent());
    pending.putBack(p);
    clock.advance(Duration.ofMinutes(6));
    assertTrue(pending.take(p.id()).isEmpty());
  }

  private static TokenGrant grant() {
    return new TokenGrant("auth/userpass/login", "ann", List.of(), Map.of(), 0, 0, 0, true);
  }
}
