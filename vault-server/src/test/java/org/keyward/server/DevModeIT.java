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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private static final Path REPO = DevServerProcess.REPO;

  @TempDir Path dir;

  @Test
  void devServer_startsAnnouncesServesAndStopsOnSigterm() throws Exception {
    Path data = dir.resolve("data");
    ProcessBuilder launcher =
        new ProcessBuilder(
            REPO.resolve("bin/keyward").toString(),
            "server",
            "-dev",
            "-dev-listen-address=127.0.0.1:0",
            "-dev-root-token-id=it-root",
            "-data-dir=" + data);
    Map<String, String> exported = startServeAndStop(launcher, data);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("dev.env"))));
    assertEquals(
        DevServerProcess.parseExports(Files.readAllLines(data.resolve("dev.env"))), exported);
  }

  /**
   * docker/entrypoint.sh, laid out as in the image (/opt/keyward: the script, jvm-options, the
   * token script and the jar side by side), runs the image's default command; the JVM must get the
   * same default options as bin/keyward, then JAVA_OPTS.
   */
  @Test
  void containerEntrypoint_makesTheTokenAndRunsTheJarWithTheDefaultJvmOptions() throws Exception {
    Path opt = Files.createDirectories(dir.resolve("opt-keyward"));
    Files.copy(REPO.resolve("docker/entrypoint.sh"), opt.resolve("entrypoint.sh"));
    Files.copy(REPO.resolve("scripts/jvm-options"), opt.resolve("jvm-options"));
    Files.copy(REPO.resolve("scripts/softhsm-dev-token.sh"), opt.resolve("softhsm-dev-token.sh"));
    Files.copy(
        REPO.resolve("vault-server/target/keyward-server.jar"), opt.resolve("keyward-server.jar"));
    Path data = dir.resolve("volume");
    ProcessBuilder entrypoint =
        new ProcessBuilder(
            opt.resolve("entrypoint.sh").toString(),
            "server",
            "-dev",
            "-dev-listen-address=127.0.0.1:0",
            "-dev-root-token-id=it-root",
            "-data-dir=" + data);
    entrypoint.environment().remove("SOFTHSM2_CONF");
    entrypoint.environment().put("KEYWARD_DATA_DIR", data.toString());
    entrypoint.environment().put("JAVA_OPTS", "-Dkeyward.it.launched-by=entrypoint");
    startServeAndStop(entrypoint, data);
  }

  /**
   * Starts the launcher, which must exec the server JVM with the default JVM options (and JAVA_OPTS
   * after them), checks the announced address, the dev HSM token, health and pki/, then sends
   * SIGTERM and expects exit 0. Returns the exported environment.
   */
  private Map<String, String> startServeAndStop(ProcessBuilder launcher, Path data)
      throws Exception {
    Path log = dir.resolve("server-" + data.getFileName() + ".log");
    launcher.environment().remove("KEYWARD_DEFAULT_JAVA_OPTS");
    Process p = launcher.directory(REPO.toFile()).redirectError(log.toFile()).start();
    try {
      Map<String, String> exported = DevServerProcess.readExports(p);
      assertEquals("it-root", exported.get("VAULT_TOKEN"));
      assertTrue(exported.get("VAULT_ADDR").matches("https://127\\.0\\.0\\.1:\\d+"));
      assertTrue(
          Files.isRegularFile(data.resolve("hsm/softhsm2.conf")), "dev SoftHSM token set up");
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("hsm/pin"))));
      assertJvmOptions(p, launcher.environment().get("JAVA_OPTS"));

      assertEquals(200, health(exported).statusCode());
      assertReadyPki(exported);

      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(15, TimeUnit.SECONDS), "stopped within 15 s");
      assertEquals(0, p.exitValue(), Files.readString(log));
      return exported;
    } finally {
      p.destroyForcibly();
    }
  }

  /**
   * The launcher execs java in its own place, so the process is the JVM: its command line holds
   * every option of scripts/jvm-options, in order, before JAVA_OPTS and the jar.
   */
  private static void assertJvmOptions(Process p, String javaOpts) throws IOException {
    List<String> args =
        List.of(
            Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"), StandardCharsets.UTF_8)
                .split("\0"));
    List<String> defaults = new ArrayList<>();
    for (String line : Files.readAllLines(REPO.resolve("scripts/jvm-options"))) {
      String words = line.replaceAll("#.*", "").strip();
      if (!words.isEmpty()) {
        defaults.addAll(List.of(words.split("\\s+")));
      }
    }
    assertTrue(defaults.contains("-Xmx256m"), defaults.toString());
    List<String> expected = new ArrayList<>(defaults);
    if (javaOpts != null && !javaOpts.isBlank()) {
      expected.addAll(List.of(javaOpts.strip().split("\\s+")));
    }
    expected.add("-jar");
    assertEquals(expected, args.subList(1, 1 + expected.size()), args.toString());
    assertTrue(args.get(1 + expected.size()).endsWith("keyward-server.jar"), args.toString());
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
