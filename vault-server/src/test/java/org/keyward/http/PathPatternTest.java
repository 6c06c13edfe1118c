package org.keyward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathPatternTest {
  @Test
  void match_namedSegment_capturesOneSegment() {
    PathPattern p = PathPattern.compile("keys/:name/rotate");
    assertEquals(Map.of("name", "orders"), p.match("keys/orders/rotate"));
    assertNull(p.match("keys/a/b/rotate"));
    assertNull(p.match("keys//rotate"));
  }

  @Test
  void match_trailingWildcard_capturesRestOrNothing() {
    PathPattern p = PathPattern.compile("data/*path");
    assertEquals(Map.of("path", "devices/olt-17"), p.match("data/devices/olt-17"));
    assertEquals(Map.of("path", ""), p.match("data"));
    assertEquals(Map.of("path", ""), p.match("data/"));
    assertNull(p.match("database"));
  }

  @Test
  void match_innerWildcard_capturesSegmentsBeforeSuffix() {
    PathPattern p = PathPattern.compile("mounts/*path/tune");
    assertEquals(Map.of("path", "team/kv"), p.match("mounts/team/kv/tune"));
    assertNull(p.match("mounts/tune"));
  }
}
