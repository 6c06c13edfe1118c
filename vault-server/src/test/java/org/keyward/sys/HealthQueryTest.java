package org.keyward.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HealthQueryTest {
  private static final HealthQuery ALL_299 =
      new HealthQuery(false, false, 299, 298, 297, 296, 295, 294);

  @Test
  void statusFor_defaults_matchVault() {
    HealthQuery q = HealthQuery.DEFAULTS;
    assertEquals(200, q.statusFor(true, false, false));
    assertEquals(429, q.statusFor(true, false, true));
    assertEquals(503, q.statusFor(true, true, false));
    assertEquals(501, q.statusFor(false, true, false));
  }

  @Test
  void statusFor_severalStates_uninitialisedBeatsSealedBeatsStandby() {
    assertEquals(296, ALL_299.statusFor(false, true, true));
    assertEquals(297, ALL_299.statusFor(true, true, true));
    assertEquals(298, ALL_299.statusFor(true, false, true));
  }

  @Test
  void statusFor_standbyOk_answersActiveCodeOnlyWhenUnsealed() {
    HealthQuery ok = new HealthQuery(true, false, 200, 429, 503, 501, 473, 472);
    assertEquals(200, ok.statusFor(true, false, true));
    assertEquals(503, ok.statusFor(true, true, true));
  }
}
