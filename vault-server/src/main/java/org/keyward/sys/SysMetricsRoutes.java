package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Supplier;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code GET sys/metrics?format=prometheus}: the server's metrics in Prometheus text format 0.0.4.
 * Needs a token with {@code read} on {@code sys/metrics}, as Vault does by default. Vault's JSON
 * form (no {@code format}) is not offered: any other format is a 400 that says which one is.
 */
public final class SysMetricsRoutes {
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<String> prometheusText;

  /**
   * @param prometheusText scrapes the registry; called on the event loop, so it must not block
   */
  public SysMetricsRoutes(Supplier<String> prometheusText) {
    this.prometheusText = prometheusText;
  }

  /** The operations below the {@code sys/} mount. */
  public List<Operation<?>> operations() {
    return List.of(Operation.read("metrics", SysMetricsRoutes::format, this::metrics));
  }

  /** The only format served; anything else is refused before authentication. */
  private static String format(RequestContext request) {
    String format = request.query("format");
    if (!"prometheus".equals(format)) {
      throw ApiError.badRequest("unsupported metrics format: only format=prometheus is served");
    }
    return format;
  }

  private Future<VaultResponse> metrics(String format, RequestContext request) {
    return Future.succeededFuture(
        VaultResponse.raw(200, PROMETHEUS_CONTENT_TYPE, Buffer.buffer(prometheusText.get())));
  }
}
