package org.keyward.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.keyward.storage.CachingStorage;

/**
 * The storage read cache as Prometheus sees it: {@code keyward_storage_cache_hits_total}, {@code
 * _misses_total}, {@code _evictions_total} and the gauge {@code keyward_storage_cache_size}
 * (entries held). The hit rate is hits / (hits + misses); reads while sealed or standby bypass the
 * cache and count in neither.
 */
final class StorageCacheMetrics {
  static final String PREFIX = "keyward.storage.cache.";

  private StorageCacheMetrics() {}

  static void bind(MeterRegistry registry, CachingStorage cache) {
    FunctionCounter.builder(PREFIX + "hits", cache, c -> c.stats().hits())
        .description("Storage reads answered from the read cache")
        .register(registry);
    FunctionCounter.builder(PREFIX + "misses", cache, c -> c.stats().misses())
        .description("Storage reads the read cache sent to the database")
        .register(registry);
    FunctionCounter.builder(PREFIX + "evictions", cache, c -> c.stats().evictions())
        .description("Entries the read cache dropped to stay within cache_size")
        .register(registry);
    Gauge.builder(PREFIX + "size", cache, c -> c.stats().size())
        .description("Entries held by the read cache")
        .register(registry);
  }
}
