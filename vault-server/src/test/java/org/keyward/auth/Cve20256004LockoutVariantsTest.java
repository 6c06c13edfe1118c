package org.keyward.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;

/**
 * CVE-2025-6004 and CVE-2025-6013 (HCSEC-2025-16/-20): Vault's login lockout counted each case or
 * whitespace variant of a name on its own, so an attacker spreading guesses over variants was never
 * locked out. Here failures spread over variants add up to one identity's count, and the lockout
 * then holds for every variant.
 */
class Cve20256004LockoutVariantsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void failuresSpreadOverVariants_lockOutEveryVariant() {
    LoginLockout lockout =
        new LoginLockout(3, Duration.ofMinutes(15), Duration.ofMinutes(15), 100, CLOCK);
    List<String> variants = List.of("Cell-Role", " cell-role", "CELL-ROLE\t");
    for (String v : variants) {
      lockout.checkAllowed(v);
      lockout.recordFailure(v);
    }
    for (String v : List.of("cell-role", "Cell-Role", "\u2003CELL-role ")) {
      assertTrue(lockout.isLockedOut(v), v);
      ApiError e = assertThrows(ApiError.class, () -> lockout.checkAllowed(v));
      assertEquals(403, e.status());
    }
  }
}
