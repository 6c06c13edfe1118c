package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.testing.Futures;

/**
 * Runs {@code bin/keyward server -dev} as users do (the jar is built by then), reads the printed
 * export lines, checks health over TLS with the printed CA and that {@code pki/} is ready to issue
 * (root CA and both roles), then sends SIGTERM and expects exit 0.
 */
class DevModeIT {
  private static final Path REPO =
      Path.of(System.getProperty("keyward.test.dir", "target"))
          .toAbsolutePath()
          .getParent()
          .getParent();

  @TempDir Path dir;

  @Test
  void devServer_startsAnnouncesServesAndStopsOnSigterm() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    Process p =
        new ProcessBuilder(
                REPO.resolve("bin/keyward").toString(),
                "server",
                "-dev",
                "-dev-listen-address=127.0.0.1:0",
                "-dev-root-token-id=it-root",
                "-data-dir=" + data)
            .directory(REPO.toFile())
            .redirectError(log.toFile())
            .start();
    try {
      Map<String, String> exported = readExports(p);
      assertEquals("it-root", exported.get("VAULT_TOKEN"));
      assertTrue(exported.get("VAULT_ADDR").matches("https://127\\.0\\.0\\.1:\\d+"));
      Path devEnv = data.resolve("dev.env");
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(devEnv)));
      assertEquals(parse(Files.readAllLines(devEnv)), exported);
      assertTrue(
          Files.isRegularFile(data.resolve("hsm/softhsm2.conf")), "dev SoftHSM token set up");
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("hsm/pin"))));

      assertEquals(200, health(exported).statusCode());
      assertReadyPki(exported);

      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(15, TimeUnit.SECONDS), "stopped within 15 s");
      assertEquals(0, p.exitValue(), Files.readString(log));
    } finally {
      p.destroyForcibly();
    }
  }

  /** Reads stdout until the three export lines are in (the server writes dev.env before them). */
  private static Map<String, String> readExports(Process p) throws Exception {
    CompletableFuture<List<String>> lines =
        CompletableFuture.supplyAsync(
            () -> {
              List<String> seen = new ArrayList<>();
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  seen.add(line);
                  if (line.startsWith("export VAULT_TOKEN=")) {
                    break;
                  }
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              return seen;
            });
    // Generous: bin/keyward may still be building the jar or making the token on a busy machine.
    return parse(lines.get(120, TimeUnit.SECONDS));
  }

  private static Map<String, String> parse(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("export ")) {
        String assignment = line.substring("export ".length());
        int eq = assignment.indexOf('=');
        String value = assignment.substring(eq + 1);
        out.put(assignment.substring(0, eq), value.substring(1, value.length() - 1));
      }
    }
    return out;
  }

  private static HttpResponse<Buffer> health(Map<String, String> env) {
    return call(env, HttpMethod.GET, "/v1/sys/health", null);
  }

  /** pki/ has a root CA and both ready roles, each for both ends of an mTLS link. */
  private static void assertReadyPki(Map<String, String> env) throws Exception {
    for (String role : List.of("core-server", "cell-server")) {
      HttpResponse<Buffer> read = call(env, HttpMethod.GET, "/v1/pki/roles/" + role, null);
      assertEquals(200, read.statusCode(), read.bodyAsString());
      JsonObject data = read.bodyAsJsonObject().getJsonObject("data");
      assertTrue(data.getBoolean("server_flag") && data.getBoolean("client_flag"), role);
    }
    HttpResponse<Buffer> issued =
        call(
            env,
            HttpMethod.POST,
            "/v1/pki/issue/cell-server",
            new JsonObject().put("common_name", "cell-1.cells.keyward.internal"));
    assertEquals(200, issued.statusCode(), issued.bodyAsString());
    X509Certificate leaf =
        certificate(issued.bodyAsJsonObject().getJsonObject("data").getString("certificate"));
    HttpResponse<Buffer> ca = call(env, HttpMethod.GET, "/v1/pki/ca/pem", null);
    assertEquals(200, ca.statusCode());
    leaf.verify(certificate(ca.bodyAsString()).getPublicKey());
    assertEquals(
        List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"),
        leaf.getExtendedKeyUsage().stream().sorted().toList());
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /** One request with the dev root token, over TLS trusting only the printed CA. */
  private static HttpResponse<Buffer> call(
      Map<String, String> env, HttpMethod method, String path, JsonObject body) {
    URI addr = URI.create(env.get("VAULT_ADDR"));
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client =
          WebClient.create(
              vertx,
              new WebClientOptions()
                  .setSsl(true)
                  .setVerifyHost(true)
                  .setTrustOptions(new PemTrustOptions().addCertPath(env.get("VAULT_CACERT"))));
      var request =
          client
              .request(method, addr.getPort(), addr.getHost(), path)
              .putHeader("X-Vault-Token", env.get("VAULT_TOKEN"));
      return Futures.await(body == null ? request.send() : request.sendJsonObject(body));
    } finally {
      Futures.await(vertx.close());
    }
  }
}
