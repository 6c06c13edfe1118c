package org.keyward.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.keyward.hsm.HsmCallListener;

/**
 * Records every HSM call as the Timer {@code keyward.hsm.calls}, tagged {@code operation} and
 * {@code outcome} ({@code success} or {@code failure}); Prometheus shows it as {@code
 * keyward_hsm_calls_seconds_count{operation="encrypt",...}}. Thread-safe; after the first call per
 * operation it only looks up a map, so it is cheap on the calling (worker) thread.
 */
public final class MicrometerHsmCallListener implements HsmCallListener {
  static final String METER = "keyward.hsm.calls";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  public MicrometerHsmCallListener(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onCall(String operation, long nanos, boolean success) {
    String outcome = success ? "success" : "failure";
    timers
        .computeIfAbsent(operation + '\0' + outcome, k -> timer(operation, outcome))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(String operation, String outcome) {
    return Timer.builder(METER)
        .description("Calls into the HSM by operation and outcome")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry);
  }
}
