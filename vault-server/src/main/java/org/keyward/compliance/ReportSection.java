package org.keyward.compliance;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * A provider of one report section. Each reads its own facts (on workers or through the barrier,
 * never blocking an event loop) and holds them against the key policy; the report calls them all
 * and keeps their order. A provider for a feature not built yet answers {@link Section#notBuilt}.
 */
public interface ReportSection {
  /** What every provider gets: the policy in force and the report's time. */
  record Input(KeyPolicy policy, Instant now) {}

  Future<Section> build(Input input);
}
