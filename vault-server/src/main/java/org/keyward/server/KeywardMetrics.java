package org.keyward.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.function.BooleanSupplier;
import org.keyward.hsm.HsmCallListener;

/**
 * The one Prometheus registry of a server: JVM memory, GC, threads and CPU, Vert.x (HTTP server,
 * pools, event loop) and the HSM call timer. Built before Vert.x so that Vert.x reports into it;
 * closed after Vert.x.
 */
public final class KeywardMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final MicrometerHsmCallListener hsm = new MicrometerHsmCallListener(registry);
  private volatile BooleanSupplier hsmUp = () -> true;
  private Gauge hsmUpGauge;

  public KeywardMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /** Vert.x options that report into this registry; pass with {@link #vertxMetricsFactory()}. */
  public VertxOptions vertxOptions() {
    return new VertxOptions()
        .setMetricsOptions(
            new MicrometerMetricsOptions()
                .setEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  public MicrometerMetricsFactory vertxMetricsFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  /** Hand this to the PKCS#11 key provider. */
  public HsmCallListener hsmCallListener() {
    return hsm;
  }

  /**
   * Reports {@code up} as the gauge {@code keyward_hsm_up}: 1 while the HSM answers, 0 while it is
   * unreachable. A later call replaces the source (one server per registry).
   */
  public void watchHsm(BooleanSupplier up) {
    hsmUp = up;
    if (hsmUpGauge == null) {
      hsmUpGauge =
          Gauge.builder("keyward.hsm.up", this, m -> m.hsmUp.getAsBoolean() ? 1 : 0)
              .description("1 while the HSM answers, 0 while it is unreachable")
              .register(registry);
    }
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
