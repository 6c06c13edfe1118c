package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.http.AuditSink;
import org.keyward.http.Authorizer;

class SysHealthIT {
  private static final MutableSealState SEAL = new MutableSealState();
  private static final AtomicBoolean STANDBY = new AtomicBoolean();
  private static VaultTestServer server;

  @BeforeAll
  static void start(@TempDir Path dir) {
    server =
        VaultTestServer.startWithParts(
            dir,
            new ServerParts(
                SEAL,
                STANDBY::get,
                DevStandIns.denyAll(),
                Authorizer.ROOT_ONLY,
                AuditSink.NONE,
                ServerParts::sysOnly));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void active() {
    SEAL.set(true, false);
    STANDBY.set(false);
  }

  @Test
  void health_active_returns200WithVaultShape() {
    long before = Instant.now().getEpochSecond();
    HttpResponse<Buffer> r = server.send(HttpMethod.GET, "/v1/sys/health");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(true, body.getBoolean("initialized"));
    assertEquals(false, body.getBoolean("sealed"));
    assertEquals(false, body.getBoolean("standby"));
    assertEquals(false, body.getBoolean("performance_standby"));
    assertEquals("disabled", body.getString("replication_performance_mode"));
    assertEquals("disabled", body.getString("replication_dr_mode"));
    assertTrue(body.getString("version").matches("\\d+\\.\\d+\\.\\d+"), body.getString("version"));
    assertEquals("keyward", body.getString("cluster_name"));
    assertTrue(body.getString("cluster_id").matches("[0-9a-f-]{36}"));
    long time = body.getLong("server_time_utc");
    assertTrue(time >= before && time <= Instant.now().getEpochSecond() + 1, "time " + time);
  }

  @Test
  void health_states_returnVaultDefaultCodes() {
    SEAL.set(true, true);
    HttpResponse<Buffer> sealed = server.send(HttpMethod.GET, "/v1/sys/health");
    assertEquals(503, sealed.statusCode());
    assertEquals(true, sealed.bodyAsJsonObject().getBoolean("sealed"));
    SEAL.set(false, true);
    HttpResponse<Buffer> uninit = server.send(HttpMethod.GET, "/v1/sys/health");
    assertEquals(501, uninit.statusCode());
    assertEquals(false, uninit.bodyAsJsonObject().getBoolean("initialized"));
    SEAL.set(true, false);
    STANDBY.set(true);
    HttpResponse<Buffer> standby = server.send(HttpMethod.GET, "/v1/sys/health");
    assertEquals(429, standby.statusCode());
    assertEquals(true, standby.bodyAsJsonObject().getBoolean("standby"));
  }

  @Test
  void health_codeOverrides_replaceEachStatesCode() {
    assertEquals(299, server.send(HttpMethod.GET, "/v1/sys/health?activecode=299").statusCode());
    SEAL.set(true, true);
    assertEquals(298, server.send(HttpMethod.GET, "/v1/sys/health?sealedcode=298").statusCode());
    SEAL.set(false, true);
    assertEquals(297, server.send(HttpMethod.GET, "/v1/sys/health?uninitcode=297").statusCode());
    SEAL.set(true, false);
    STANDBY.set(true);
    assertEquals(296, server.send(HttpMethod.GET, "/v1/sys/health?standbycode=296").statusCode());
    assertEquals(200, server.send(HttpMethod.GET, "/v1/sys/health?standbyok=true").statusCode());
    assertEquals(200, server.send(HttpMethod.GET, "/v1/sys/health?standbyok").statusCode());
    assertEquals(
        295,
        server.send(HttpMethod.GET, "/v1/sys/health?standbyok=true&activecode=295").statusCode());
    assertEquals(429, server.send(HttpMethod.GET, "/v1/sys/health?standbyok=false").statusCode());
  }

  @Test
  void health_goClientParameters_areAcceptedAndKeepTheActiveCode() {
    // Vault's Go client sends all of these; Keyward has no perf standby or DR secondary.
    String all =
        "?standbyok=true&perfstandbyok=true&activecode=299&standbycode=299&sealedcode=299"
            + "&uninitcode=299&performancestandbycode=299&drsecondarycode=299";
    assertEquals(299, server.send(HttpMethod.GET, "/v1/sys/health" + all).statusCode());
    assertEquals(
        200, server.send(HttpMethod.GET, "/v1/sys/health?performancestandbycode=473").statusCode());
    assertEquals(
        200, server.send(HttpMethod.GET, "/v1/sys/health?drsecondarycode=472").statusCode());
    assertEquals(200, server.send(HttpMethod.GET, "/v1/sys/health?perfstandbyok=1").statusCode());
  }

  @Test
  void health_badOverride_returns400NamingTheParameter() {
    for (String query :
        List.of(
            "activecode=abc",
            "sealedcode=99",
            "uninitcode=600",
            "standbycode=",
            "performancestandbycode=x",
            "drsecondarycode=1e3",
            "standbyok=maybe",
            "perfstandbyok=2")) {
      HttpResponse<Buffer> r = server.send(HttpMethod.GET, "/v1/sys/health?" + query);
      assertEquals(400, r.statusCode(), query);
      String name = query.substring(0, query.indexOf('='));
      assertTrue(VaultTestServer.errors(r).get(0).contains(name), query + ": " + r.bodyAsString());
    }
  }

  @Test
  void health_head_returnsStatusWithoutBody() {
    HttpResponse<Buffer> active = server.send(HttpMethod.HEAD, "/v1/sys/health");
    assertEquals(200, active.statusCode());
    assertTrue(active.body() == null || active.body().length() == 0);
    SEAL.set(true, true);
    HttpResponse<Buffer> sealed = server.send(HttpMethod.HEAD, "/v1/sys/health?sealedcode=299");
    assertEquals(299, sealed.statusCode());
    assertTrue(sealed.body() == null || sealed.body().length() == 0);
  }

  @Test
  void health_withoutToken_isServedWhileSealed() {
    SEAL.set(true, true);
    HttpResponse<Buffer> r = server.send(HttpMethod.GET, "/v1/sys/health");
    assertEquals(503, r.statusCode());
    assertFalse(r.bodyAsJsonObject().containsKey("errors"), "a health body, not an error");
  }
}
