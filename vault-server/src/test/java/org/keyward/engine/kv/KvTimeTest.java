package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
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
