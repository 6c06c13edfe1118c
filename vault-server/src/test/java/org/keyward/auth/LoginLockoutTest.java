package org.keyward.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;
import org.keyward.testing.TestClock;

class LoginLockoutTest {
  private final TestClock clock = new TestClock();
  private final LoginLockout lockout =
      new LoginLockout(3, Duration.ofMinutes(10), Duration.ofMinutes(15), 100, clock);

  @Test
  void recordFailure_belowLimit_stillAllowed() {
    lockout.recordFailure("role-a");
    lockout.recordFailure("role-a");
    assertFalse(lockout.isLockedOut("role-a"));
  }

  @Test
  void recordFailure_atLimit_refusesWith403() {
    for (int i = 0; i < 3; i++) {
      lockout.recordFailure("role-a");
    }
    ApiError e = assertThrows(ApiError.class, () -> lockout.checkAllowed("role-a"));
    assertEquals(403, e.status());
    assertFalse(lockout.isLockedOut("role-b"));
  }

  @Test
  void recordFailure_spreadOverCaseAndWhitespaceVariants_countsAsOneIdentity() {
    for (String variant : List.of("Role-A", " role-a", "ROLE-A\t")) {
      lockout.recordFailure(variant);
    }
    assertTrue(lockout.isLockedOut("role-a"));
    assertTrue(lockout.isLockedOut(" ROLE-a "));
  }

  @Test
  void recordSuccess_beforeLimit_resetsCount() {
    lockout.recordFailure("role-a");
    lockout.recordFailure("role-a");
    lockout.recordSuccess("ROLE-A");
    lockout.recordFailure("role-a");
    lockout.recordFailure("role-a");
    assertFalse(lockout.isLockedOut("role-a"));
  }

  @Test
  void isLockedOut_afterLockoutDuration_allowsAgain() {
    for (int i = 0; i < 3; i++) {
      lockout.recordFailure("role-a");
    }
    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    assertTrue(lockout.isLockedOut("role-a"));
    clock.advance(Duration.ofSeconds(1));
    assertFalse(lockout.isLockedOut("role-a"));
    lockout.recordFailure("role-a");
    assertFalse(lockout.isLockedOut("role-a"));
  }

  @Test
  void recordFailure_outsideWindow_startsNewCount() {
    lockout.recordFailure("role-a");
    lockout.recordFailure("role-a");
    clock.advance(Duration.ofMinutes(11));
    lockout.recordFailure("role-a");
    assertFalse(lockout.isLockedOut("role-a"));
  }

  @Test
  void recordFailure_pastCapacity_evictsOldestAndStaysBounded() {
    LoginLockout small =
        new LoginLockout(1, Duration.ofMinutes(1), Duration.ofMinutes(1), 2, clock);
    small.recordFailure("first");
    small.recordFailure("second");
    small.recordFailure("third");
    assertEquals(2, small.size());
    assertFalse(small.isLockedOut("first"));
    assertTrue(small.isLockedOut("third"));
  }

  @Test
  void lockoutsSince_countsLockoutsStartedInTheWindowOnly() {
    for (int i = 0; i < 3; i++) {
      lockout.recordFailure("old");
    }
    clock.advance(Duration.ofDays(31));
    for (int i = 0; i < 3; i++) {
      lockout.recordFailure("new");
    }
    lockout.recordFailure("new");

    assertEquals(1, lockout.lockoutsSince(clock.instant().minus(Duration.ofDays(30))));
    assertEquals(2, lockout.lockoutsSince(clock.instant().minus(Duration.ofDays(40))));
  }

  @Test
  void constructor_withZeroFailures_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new LoginLockout(0, Duration.ofMinutes(1), Duration.ofMinutes(1), 10, clock));
  }
}
