package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.auth.TestCerts;

/**
 * The listener's TLS implementation as configured: the JDK's (the fallback where OpenSSL cannot
 * load) still serves requests and certificate logins, which read the client chain from the TLS
 * session; a {@code tls_engine} the server does not know stops {@code bin/keyward server} before it
 * binds anything. Every other IT runs on the default, OpenSSL.
 */
class TlsEngineIT {
  @TempDir Path dir;

  @Test
  void jdkEngine_servesRequestsAndCertLogin() {
    try (VaultTestServer server =
        VaultTestServer.startDev(dir.resolve("data"), Map.of(ConfigKey.TLS_ENGINE, "jdk"))) {
      assertEquals(TlsEngine.JDK, server.keywardServer().tlsEngine());
      JsonObject secret = new JsonObject().put("data", new JsonObject().put("vlan", "17"));
      assertEquals(200, server.post("/v1/secret/data/cells/cell-17", secret).status());
      VaultTestServer.Response read = server.get("/v1/secret/data/cells/cell-17");
      assertEquals(200, read.status(), read.body());
      assertEquals("17", read.data().getJsonObject("data").getString("vlan"));

      TestCerts.Issued ca = TestCerts.rootCa("Cells CA");
      TestCerts.Issued cell = TestCerts.clientLeaf("cell-17.cells.keyward.internal", ca);
      assertEquals(
          204, server.post("/v1/sys/auth/cert", new JsonObject().put("type", "cert")).status());
      assertEquals(
          204,
          server
              .post(
                  "/v1/auth/cert/certs/cells",
                  new JsonObject().put("certificate", TestCerts.pem(ca.cert())))
              .status());
      VaultTestServer.Response login =
          server.call(
              server.clientWithCertificate(cell.keys().getPrivate(), cell.chain()),
              "POST",
              "/v1/auth/cert/login",
              null,
              new JsonObject());

      assertEquals(200, login.status(), login.body());
      JsonObject auth = login.json().getJsonObject("auth");
      assertEquals(
          "cell-17.cells.keyward.internal",
          auth.getJsonObject("metadata").getString("common_name"));
      String token = auth.getString("client_token");
      assertEquals(200, server.call("GET", "/v1/auth/token/lookup-self", token, null).status());
    }
  }

  @Test
  void unknownTlsEngine_stopsTheStartNamingKeyAndValue() throws Exception {
    Path out = dir.resolve("server.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                DevServerProcess.REPO.resolve("bin/keyward").toString(),
                "server",
                "-dev",
                "-dev-listen-address=127.0.0.1:0",
                "-data-dir=" + dir.resolve("data"))
            .directory(DevServerProcess.REPO.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().put("KEYWARD_TLS_ENGINE", "boringssl");
    Process server = builder.start();
    try {
      assertTrue(server.waitFor(120, TimeUnit.SECONDS), "the server exited");
    } finally {
      server.destroyForcibly();
    }

    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(2, server.exitValue(), output);
    assertTrue(
        output.contains(
            "keyward server: tls_engine (from environment variable KEYWARD_TLS_ENGINE):"
                + " expected openssl or jdk, got 'boringssl'"),
        output);
  }
}
