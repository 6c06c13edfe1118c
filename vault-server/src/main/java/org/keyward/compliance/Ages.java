package org.keyward.compliance;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** Age checks shared by the sections: a maximum age, warned about at 90 % of it. */
final class Ages {
  private Ages() {}

  static long days(Instant from, Instant now) {
    return Math.max(0, Duration.between(from, now).toDays());
  }

  static Status ofAge(long ageDays, int maxDays) {
    if (ageDays > maxDays) {
      return Status.FAILING;
    }
    if (ageDays * 100 > (long) maxDays * KeyPolicy.WARN_SHARE_PERCENT) {
      return Status.WARNING;
    }
    return Status.OK;
  }

  static Finding ageFinding(String kind, String item, long ageDays, int maxDays) {
    Status s = ofAge(ageDays, maxDays);
    String message =
        switch (s) {
          case FAILING -> item + " is " + ageDays + " days old, over the maximum of " + maxDays;
          case WARNING -> item + " is " + ageDays + " days old, near the maximum of " + maxDays;
          default -> item + " is " + ageDays + " days old (maximum " + maxDays + ")";
        };
    return new Finding(kind, item, s, message);
  }

  /** A row of the key-age chart. */
  static JsonObject chartRow(String item, long ageDays, int maxDays) {
    return new JsonObject()
        .put("item", item)
        .put("age_days", ageDays)
        .put("max_age_days", maxDays)
        .put("status", ofAge(ageDays, maxDays).wire());
  }
}
