package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysMetricsIT {
  private static final String TOKEN = "metrics-root-token";
  private static VaultTestServer server;

  @BeforeAll
  static void start(@TempDir Path dir) {
    server = VaultTestServer.startWithParts(dir, DevStandIns.dev(TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> metrics(String query, String token) {
    var request = server.request(HttpMethod.GET, "/v1/sys/metrics" + query);
    if (token != null) {
      request.putHeader("X-Vault-Token", token);
    }
    return server.send(request);
  }

  @Test
  void metrics_prometheusWithToken_returnsTextFormat() {
    server.send(HttpMethod.GET, "/v1/sys/health"); // at least one HTTP request to report
    HttpResponse<Buffer> r = metrics("?format=prometheus", TOKEN);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", r.getHeader("Content-Type"));
    String text = r.bodyAsString();
    assertTrue(text.contains("# TYPE "), "Prometheus TYPE lines");
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM memory");
    assertTrue(text.contains("jvm_gc_"), "JVM GC");
    assertTrue(text.contains("jvm_threads_live_threads"), "JVM threads");
    assertTrue(text.contains("process_cpu_usage") || text.contains("system_cpu_count"), "CPU");
    assertTrue(text.contains("vertx_http_server_requests_total"), "Vert.x HTTP server");
  }

  @Test
  void metrics_afterHsmCalls_countsThemPerOperationAndOutcome() {
    var listener = server.keywardServer().metrics().hsmCallListener();
    listener.onCall("encrypt", TimeUnit.MILLISECONDS.toNanos(2), true);
    listener.onCall("encrypt", TimeUnit.MILLISECONDS.toNanos(3), true);
    listener.onCall("sign", TimeUnit.MILLISECONDS.toNanos(5), false);
    String text = metrics("?format=prometheus", TOKEN).bodyAsString();
    assertTrue(text.contains("# TYPE keyward_hsm_calls_seconds summary"), text);
    assertEquals(2.0, sample(text, "keyward_hsm_calls_seconds_count", "encrypt", "success"));
    assertEquals(0.005, sample(text, "keyward_hsm_calls_seconds_sum", "sign", "failure"), 1e-9);
  }

  private static double sample(String text, String metric, String operation, String outcome) {
    Pattern line =
        Pattern.compile(
            "^"
                + metric
                + "\\{(?=[^}]*operation=\""
                + operation
                + "\")(?=[^}]*outcome=\""
                + outcome
                + "\")[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    Matcher m = line.matcher(text);
    assertTrue(m.find(), metric + " " + operation + "/" + outcome + " missing");
    return Double.parseDouble(m.group(1));
  }

  @Test
  void metrics_withoutOrWithWrongToken_returns403() {
    for (String token : new String[] {null, "not-the-token", TOKEN + "x"}) {
      HttpResponse<Buffer> r = metrics("?format=prometheus", token);
      assertEquals(403, r.statusCode());
      assertEquals(List.of("permission denied"), VaultTestServer.errors(r));
    }
  }

  @Test
  void metrics_otherFormat_returns400() {
    for (String query : List.of("", "?format=json", "?format=")) {
      HttpResponse<Buffer> r = metrics(query, TOKEN);
      assertEquals(400, r.statusCode(), query);
      assertTrue(VaultTestServer.errors(r).get(0).contains("format=prometheus"));
    }
  }
}
