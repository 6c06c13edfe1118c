package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  @Test
  void buildDate_comesFromTheBuild() {
    // The build that compiled this test filled it in: a real time, not long ago, not the future.
    Instant built = Instant.parse(BuildInfo.BUILD_DATE);
    assertTrue(built.isAfter(Instant.now().minus(Duration.ofDays(1))), BuildInfo.BUILD_DATE);
    assertTrue(built.isBefore(Instant.now().plusSeconds(60)), BuildInfo.BUILD_DATE);
  }
}
