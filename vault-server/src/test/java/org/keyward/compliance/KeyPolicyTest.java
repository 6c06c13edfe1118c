package org.keyward.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;

class KeyPolicyTest {
  @Test
  void merge_keepsFieldsNotGiven_andRoundTripsThroughJson() {
    KeyPolicy p =
        KeyPolicy.DEFAULT.merge(
            new JsonObject()
                .put("kek_max_age_days", 400)
                .put("transit_max_age_by_pattern", new JsonObject().put("pay-*", 90)));

    assertEquals(400, p.kekMaxAgeDays());
    assertEquals(KeyPolicy.DEFAULT.keyringMaxAgeDays(), p.keyringMaxAgeDays());
    assertEquals(p, KeyPolicy.fromJson(p.toJson()));
  }

  @Test
  void transitMaxAgeDays_longestMatchingPatternWins() {
    KeyPolicy p =
        KeyPolicy.DEFAULT.merge(
            new JsonObject()
                .put(
                    "transit_max_age_by_pattern",
                    new JsonObject().put("pay-*", 90).put("pay-eu-*", 30).put("*-test", 7)));

    assertEquals(30, p.transitMaxAgeDays("pay-eu-1"));
    assertEquals(90, p.transitMaxAgeDays("pay-us-1"));
    assertEquals(7, p.transitMaxAgeDays("orders-test"));
    assertEquals(365, p.transitMaxAgeDays("orders"));
  }

  @Test
  void matches_treatsDotsLiterally() {
    assertTrue(KeyPolicy.matches("a.b*", "a.bcd"));
    assertFalse(KeyPolicy.matches("a.b*", "axbcd"));
  }

  @Test
  void merge_badInput_is400NamingTheField() {
    ApiError unknown =
        assertThrows(ApiError.class, () -> KeyPolicy.DEFAULT.merge(new JsonObject().put("x", 1)));
    ApiError fraction =
        assertThrows(
            ApiError.class,
            () -> KeyPolicy.DEFAULT.merge(new JsonObject().put("kek_max_age_days", 1.5)));
    ApiError huge =
        assertThrows(
            ApiError.class,
            () -> KeyPolicy.DEFAULT.merge(new JsonObject().put("kek_max_age_days", 1e12)));
    ApiError bool =
        assertThrows(
            ApiError.class,
            () -> KeyPolicy.DEFAULT.merge(new JsonObject().put("tokens_require_ttl", "yes")));

    assertEquals(400, unknown.status());
    assertTrue(unknown.messages().get(0).contains("x"));
    assertTrue(fraction.messages().get(0).contains("kek_max_age_days"));
    assertEquals(400, huge.status());
    assertTrue(bool.messages().get(0).contains("tokens_require_ttl"));
  }
}
