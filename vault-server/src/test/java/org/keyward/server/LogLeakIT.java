package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.LeakProbes.Probe;

/**
 * The log-leak test of issue 5: the real server (TLS, SoftHSM, a SQLite file, the file audit device
 * enabled over {@code sys/audit}) with every log record captured at the most verbose level, and
 * stdout and stderr too. One canary secret goes through every endpoint that takes a secret, and
 * every endpoint that returns one is called; failed requests carry it too. Afterwards no log line
 * and no audit file may hold the canary in any spelling (raw, base64 at any alignment, hex), nor
 * any secret a response returned (a token, a data key, a private key), while the audit file must
 * hold the canary's {@code hmac-sha256:} form from {@code sys/audit-hash}.
 *
 * <p>The requests are the table in {@link LeakProbes}.
 */
class LogLeakIT {
  private static final String CANARY = LeakProbes.CANARY;
  private static final String B64_CANARY = LeakProbes.B64_CANARY;
  private static final String ROOT = VaultTestServer.ROOT;

  @TempDir Path dir;
  private VaultTestServer server;
  private HttpClient client;

  @Test
  void everyEndpoint_withCanary_leavesOnlyItsHmacInLogsAndAudit() throws Exception {
    List<String> secrets = new ArrayList<>();
    String hmac;
    String tokenHmac;
    List<String> failures = new ArrayList<>();
    LogCapture logs = LogCapture.install();
    try {
      server = VaultTestServer.startDev(dir.resolve("data"));
      client =
          HttpClient.newBuilder()
              .sslContext(server.sslContext())
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      LeakProbes.Setup setup = setUp();
      secrets.add(setup.userToken());
      secrets.add(setup.secretId());
      secrets.addAll(humanLoginSecrets());
      for (Probe p : LeakProbes.all(setup)) {
        HttpResponse<String> r = send(p);
        if (r.statusCode() != p.status()) {
          failures.add(p.name() + ": " + r.statusCode() + " " + r.body());
        } else if (p.returned() != null) {
          secrets.add(p.returned().apply(new JsonObject(r.body())));
        }
      }
      hmac = auditHash(CANARY);
      tokenHmac = auditHash(setup.userToken());
      // Also decrypt, now that a ciphertext exists: the answer holds the canary in base64.
      String ct = encrypt();
      JsonObject decrypted =
          json(send(Probe.of("decrypt", "POST", "transit/decrypt/leak-aead", ROOT, ct, 200)));
      assertEquals(B64_CANARY, decrypted.getJsonObject("data").getString("plaintext"));
      server.stop();
    } finally {
      logs.close();
      if (server != null) {
        server.close();
      }
    }

    assertEquals(List.of(), failures, "probes answered other than expected");
    List<String> captured = new ArrayList<>(logs.records());
    captured.add(logs.streams());
    assertTrue(
        captured.stream().anyMatch(l -> l.contains("vault unsealed and loaded")),
        "the capture saw the server's own log");
    assertTrue(logs.verboseRecords() > 0, "the capture ran at the most verbose level");
    List<Path> auditFiles;
    try (Stream<Path> files = Files.walk(dir.resolve("data").resolve("audit"))) {
      auditFiles = files.filter(Files::isRegularFile).toList();
    }
    assertTrue(!auditFiles.isEmpty(), "no audit file written");
    StringBuilder audit = new StringBuilder();
    for (Path f : auditFiles) {
      audit.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
    }

    for (String form : LeakProbes.spellings(CANARY)) {
      assertNowhere(form, "the canary", captured, audit.toString());
    }
    for (String secret : secrets) {
      assertNowhere(secret, "a returned secret", captured, audit.toString());
    }
    assertTrue(hmac.startsWith("hmac-sha256:"), hmac);
    assertTrue(audit.toString().contains(hmac), "the audit file holds the canary's HMAC");
    assertTrue(audit.toString().contains(tokenHmac), "the audit file holds the token's HMAC");
  }

  private LeakProbes.Setup setUp() {
    post("sys/audit/file", new JsonObject().put("type", "file").put("options", fileOptions()));
    post("transit/keys/leak-aead", new JsonObject());
    post("transit/keys/leak-derived", new JsonObject().put("derived", true));
    post("transit/keys/leak-sign", new JsonObject().put("type", "ed25519"));
    post(
        "pki/roles/leak",
        new JsonObject().put("allowed_domains", "example.org").put("allow_subdomains", true));
    JsonObject token =
        post(
            "auth/token/create",
            new JsonObject()
                .put("policies", new JsonArray().add("default"))
                .put("renewable", true)
                .put("ttl", "1h"));
    post("sys/auth/approle", new JsonObject().put("type", "approle"));
    post("auth/approle/role/leak", new JsonObject().put("token_policies", "default"));
    String roleId =
        get("auth/approle/role/leak/role-id").getJsonObject("data").getString("role_id");
    String secretId =
        post("auth/approle/role/leak/secret-id", new JsonObject())
            .getJsonObject("data")
            .getString("secret_id");
    return new LeakProbes.Setup(
        token.getJsonObject("auth").getString("client_token"), roleId, secretId);
  }

  /**
   * Issue 17: a userpass user whose password is the canary logs in (rightly and wrongly), gets a
   * TOTP key by admin-generate and passes MFA. The password must show only as its HMAC; the
   * returned token, the enrolment URL, its Base32 key and the QR code must show nowhere.
   */
  private List<String> humanLoginSecrets() {
    post("sys/auth/userpass", new JsonObject().put("type", "userpass"));
    post(
        "auth/userpass/users/leak",
        new JsonObject().put("password", CANARY).put("token_policies", "default"));
    JsonObject login = post("auth/userpass/login/leak", new JsonObject().put("password", CANARY));
    String token = login.getJsonObject("auth").getString("client_token");
    send(
        Probe.of(
            "userpass wrong password",
            "POST",
            "auth/userpass/login/leak",
            null,
            new JsonObject().put("password", CANARY + "-wrong"),
            400));
    String entityId =
        json(send(Probe.of("lookup-self", "GET", "auth/token/lookup-self", token, null, 200)))
            .getJsonObject("data")
            .getString("entity_id");
    String methodId =
        post("identity/mfa/method/totp", new JsonObject().put("issuer", "Keyward"))
            .getJsonObject("data")
            .getString("method_id");
    JsonObject enrolled =
        post(
                "identity/mfa/method/totp/admin-generate",
                new JsonObject().put("method_id", methodId).put("entity_id", entityId))
            .getJsonObject("data");
    String url = enrolled.getString("url");
    String base32 = url.substring(url.indexOf("secret=") + "secret=".length());
    post(
        "identity/mfa/login-enforcement/leak",
        new JsonObject()
            .put("mfa_method_ids", new JsonArray().add(methodId))
            .put("auth_method_types", new JsonArray().add("userpass")));
    String requestId =
        post("auth/userpass/login/leak", new JsonObject().put("password", CANARY))
            .getJsonObject("auth")
            .getJsonObject("mfa_requirement")
            .getString("mfa_request_id");
    String code =
        org.keyward.auth.mfa.ReferenceTotp.code(
            org.keyward.auth.mfa.ReferenceTotp.keyOfUrl(url),
            System.currentTimeMillis() / 1000,
            30,
            6,
            "SHA1");
    JsonObject validated =
        post(
            "sys/mfa/validate",
            new JsonObject()
                .put("mfa_request_id", requestId)
                .put("mfa_payload", new JsonObject().put(methodId, new JsonArray().add(code))));
    return List.of(
        token,
        url,
        base32,
        enrolled.getString("barcode"),
        validated.getJsonObject("auth").getString("client_token"));
  }

  private static JsonObject fileOptions() {
    return new JsonObject().put("file_path", "audit.log");
  }

  private String auditHash(String input) {
    return post("sys/audit-hash/file", new JsonObject().put("input", input))
        .getJsonObject("data")
        .getString("hash");
  }

  private String encrypt() {
    String ct =
        post("transit/encrypt/leak-aead", new JsonObject().put("plaintext", B64_CANARY))
            .getJsonObject("data")
            .getString("ciphertext");
    return new JsonObject().put("ciphertext", ct).encode();
  }

  private JsonObject post(String path, JsonObject body) {
    HttpResponse<String> r = send(Probe.of(path, "POST", path, ROOT, body, 0));
    assertTrue(r.statusCode() < 300, () -> path + ": " + r.statusCode() + " " + r.body());
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  private JsonObject get(String path) {
    return json(send(Probe.of(path, "GET", path, ROOT, null, 200)));
  }

  private static JsonObject json(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r::body);
    return new JsonObject(r.body());
  }

  private HttpResponse<String> send(Probe p) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.address() + "/v1/" + p.path()))
            .timeout(Duration.ofSeconds(30));
    if (p.token() != null) {
      b.header("X-Vault-Token", p.token());
    }
    p.headers().forEach(b::header);
    b.method(
        p.method(),
        p.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(p.body()));
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertNowhere(String form, String what, List<String> logs, String audit) {
    for (String line : logs) {
      assertTrue(!line.contains(form), () -> what + " (" + form + ") is in a log line: " + line);
    }
    assertTrue(!audit.contains(form), () -> what + " (" + form + ") is in an audit file");
  }
}
