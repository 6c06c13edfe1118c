package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.http.AuditSink;
import org.keyward.http.Authorizer;
import org.keyward.http.Operation;
import org.keyward.http.OperationLookup;
import org.keyward.http.VaultResponse;
import org.keyward.testing.Futures;

/**
 * Bad input of every kind gets a 4xx with Vault's errors body, and the server answers the next
 * request as before. A {@code test/} mount with a JSON echo stands in for a real engine.
 */
class BadInputIT {
  private static VaultTestServer server;

  @BeforeAll
  static void start(@TempDir Path dir) {
    Operation<?> echo =
        Operation.write(
            "echo",
            request -> request.body(),
            (body, request) -> Future.succeededFuture(VaultResponse.data(body)));
    server =
        VaultTestServer.startWithParts(
            dir,
            new ServerParts(
                DevStandIns.unsealed(),
                () -> false,
                DevStandIns.rootTokenOnly("root-token"),
                Authorizer.ROOT_ONLY,
                AuditSink.NONE,
                sys ->
                    new FixedOperationLookup(
                        List.of(
                            new OperationLookup.Mounted("sys/", "system", sys),
                            new OperationLookup.Mounted("test/", "test", List.of(echo))))));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void serverStillAnswers() {
    assertEquals(200, server.send(HttpMethod.GET, "/v1/sys/health").statusCode());
  }

  private static HttpResponse<Buffer> post(String path, Buffer body) {
    return Futures.await(
        server
            .request(HttpMethod.POST, path)
            .putHeader("X-Vault-Token", "root-token")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(body));
  }

  private static void assertError(int status, HttpResponse<Buffer> r) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals("application/json", r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertTrue(body.containsKey("errors"), r.bodyAsString());
    assertFalse(r.bodyAsString().contains("Exception"), "no stack trace: " + r.bodyAsString());
  }

  @Test
  void post_wellFormedJson_isEchoed() {
    HttpResponse<Buffer> r = post("/v1/test/echo", Buffer.buffer("{\"a\":1}"));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(1, r.bodyAsJsonObject().getJsonObject("data").getInteger("a"));
  }

  @Test
  void post_malformedJson_returns400() {
    for (String bad : List.of("{\"x\":", "not json", "[1,2]", "{\"a\":1}}")) {
      HttpResponse<Buffer> r = post("/v1/test/echo", Buffer.buffer(bad));
      assertError(400, r);
      assertFalse(r.bodyAsString().contains("not json"), "input not echoed: " + r.bodyAsString());
    }
  }

  @Test
  void get_unknownPath_returns404() {
    assertError(404, server.send(HttpMethod.GET, "/v1/nothing/here"));
    assertError(404, server.send(HttpMethod.GET, "/v1/sys/nothing"));
    assertError(404, server.send(HttpMethod.GET, "/not-the-api"));
    assertError(404, server.send(HttpMethod.GET, "/"));
  }

  @Test
  void post_bodyOverLimit_returns413() {
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'A');
    HttpResponse<Buffer> r = post("/v1/test/echo", Buffer.buffer(big));
    assertError(413, r);
  }

  @Test
  void post_bodyJustUnderLimit_isRead() {
    String value = "A".repeat(1024 * 1024 - 20);
    HttpResponse<Buffer> r = post("/v1/test/echo", Buffer.buffer("{\"v\":\"" + value + "\"}"));
    assertEquals(200, r.statusCode());
  }

  @Test
  void get_dotSegments_return400() {
    for (String path :
        List.of(
            "/v1/sys/../sys/health",
            "/v1/sys/%2e%2e/sys/health",
            "/v1/sys/%2E%2E/sys/health",
            "/v1/sys/./health",
            "/v1/%2e%2e/v1/sys/health",
            "/../v1/sys/health")) {
      HttpResponse<Buffer> r = server.send(HttpMethod.GET, path);
      assertError(400, r);
      assertEquals(
          List.of("invalid path: dot segments are not allowed"), VaultTestServer.errors(r), path);
    }
  }

  @Test
  void request_wrongMethod_returns405() {
    assertError(405, server.send(HttpMethod.POST, "/v1/sys/health"));
    assertError(405, server.send(HttpMethod.DELETE, "/v1/sys/health"));
    assertError(405, server.send(HttpMethod.GET, "/v1/test/echo"));
    assertError(405, server.send(HttpMethod.OPTIONS, "/v1/sys/health"));
  }

  @Test
  void handshake_tls11_isRefused() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + server.port(),
                "-tls1_1",
                "-cipher",
                "DEFAULT:@SECLEVEL=0")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "openssl did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertFalse(out.matches("(?s).*Cipher is [^(].*"), "a TLS 1.1 session was made:\n" + out);
    assertTrue(out.contains("CONNECTED"), "openssl reached the server:\n" + out);
  }

  @Test
  void handshake_tls12And13_succeed() throws IOException, InterruptedException {
    List<String> versions = new ArrayList<>();
    for (String flag : List.of("-tls1_2", "-tls1_3")) {
      Process p =
          new ProcessBuilder(
                  "openssl",
                  "s_client",
                  "-connect",
                  "127.0.0.1:" + server.port(),
                  flag,
                  "-CAfile",
                  server.caCertificate().toString(),
                  "-verify_return_error")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(out.contains("Verify return code: 0 (ok)"), flag + ":\n" + out);
      versions.add(flag);
    }
    assertEquals(2, versions.size());
  }
}
