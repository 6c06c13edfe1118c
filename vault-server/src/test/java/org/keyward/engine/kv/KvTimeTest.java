package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KvTimeTest {
  @Test
  void format_trimsTrailingZerosOfNanoseconds_asGoRfc3339Nano() {
    assertEquals(
        "2018-03-22T02:24:06.945319214Z",
        KvTime.format(Instant.parse("2018-03-22T02:24:06.945319214Z")));
    assertEquals(
        "2026-03-22T02:36:43.98Z", KvTime.format(Instant.parse("2026-03-22T02:36:43.980Z")));
    assertEquals("2026-03-22T02:36:43Z", KvTime.format(Instant.parse("2026-03-22T02:36:43Z")));
    assertEquals(
        "2026-03-22T02:36:43.000000001Z",
        KvTime.format(Instant.parse("2026-03-22T02:36:43.000000001Z")));
  }

  @Test
  void format_randomInstants_matchesInstantTextWithFractionTrimmed() {
    SplittableRandom random = new SplittableRandom(19);
    for (int i = 0; i < 20_000; i++) {
      Instant t = randomInstant(random, i % 3 == 0);
      String iso = t.toString(); // 3, 6 or 9 fraction digits
      String expected = iso.contains(".") ? iso.replaceAll("\\.?0*Z$", "Z") : iso;
      assertEquals(expected, KvTime.format(t), iso);
    }
  }

  @Test
  void format_yearBeyond9999_keepsFormatterYear() {
    assertEquals(
        "+10000-01-01T00:00:00.5Z", KvTime.format(Instant.parse("+10000-01-01T00:00:00.5Z")));
  }

  @Test
  void parse_storedInstants_matchesInstantParse() {
    SplittableRandom random = new SplittableRandom(20);
    for (int i = 0; i < 20_000; i++) {
      Instant t = randomInstant(random, i % 3 == 0);
      assertEquals(t, KvTime.parse(t.toString()));
      assertEquals(t, KvTime.parse(KvTime.format(t)));
    }
  }

  @Test
  void parse_unusualShapes_fallBackToInstantParse() {
    for (String text :
        List.of(
            "2026-12-31T23:59:60Z",
            "+10000-01-01T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T10:00:00.Z")) {
      assertEquals(Instant.parse(text), KvTime.parse(text), text);
    }
  }

  @Test
  void parse_invalid_throwsLikeInstantParse() {
    for (String text :
        List.of(
            "2026-02-30T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-02-28T10:00:00.1234567891Z",
            "2026-01-01T1a:00:00Z",
            "2026-01-01 10:00:00Z",
            "")) {
      assertThrows(DateTimeParseException.class, () -> KvTime.parse(text), text);
    }
  }

  /** A time in years 1 to 9999, on a whole second or with any fraction. */
  private static Instant randomInstant(SplittableRandom random, boolean wholeSecond) {
    return Instant.ofEpochSecond(
        random.nextLong(-62_135_596_800L, 253_402_300_800L),
        wholeSecond ? 0 : random.nextInt(1_000_000_000));
  }

  @Test
  void format_null_isEmptyString() {
    assertEquals("", KvTime.format(null));
  }

  @Test
  void goDuration_wholeSeconds_printAsGoDurationString() {
    assertEquals("0s", KvTime.goDuration(0));
    assertEquals("45s", KvTime.goDuration(45));
    assertEquals("1m30s", KvTime.goDuration(90));
    assertEquals("1h0m0s", KvTime.goDuration(3600));
    assertEquals("768h0m0s", KvTime.goDuration(32L * 86400));
  }
}
