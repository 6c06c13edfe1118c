package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * The HSM goes away under a running dev server and comes back (the SoftHSM token's directory moved
 * away and back): every HSM user (KEK rotation, {@code hsm-aes256-gcm} transit keys, PKI CA
 * signing, audit checkpoint signing, unseal) answers 503 with an {@code errors} body while it is
 * gone and works again after it returns, with no restart; KV and software transit keys keep
 * serving; {@code sys/health}, {@code sys/seal-status} and {@code keyward_hsm_up} say whether the
 * HSM is reachable. One scenario, so the server starts once. The measured times are printed ({@code
 * HSM outage timing}) for docs/benchmarks.md; nothing asserts a duration except the issue's 10 s
 * bound on the return, as the deadline of a wait.
 */
class HsmOutageIT {
  private static final long RETURN_DEADLINE_NANOS = 10_000_000_000L;

  @TempDir Path dir;
  private VaultTestServer server;
  private final Map<String, Long> timings = new LinkedHashMap<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyHsmUser_failsFastWhileTokenGone_andWorksAgainAfterItReturns() throws Exception {
    server = VaultTestServer.startDev(dir.resolve("data"));
    server.awaitServing();
    ok(server.call("PUT", "/v1/sys/audit/file", VaultTestServer.ROOT, fileAudit()));
    ok(server.post("/v1/transit/keys/hsm-key", new JsonObject().put("type", "hsm-aes256-gcm")));
    ok(server.post("/v1/transit/keys/soft-key", new JsonObject()));
    String hsmCiphertext = encrypt("hsm-key", "before the outage");
    ok(issue());
    ok(server.post("/v1/secret/data/a", kv("before")));
    Path audit = dir.resolve("data").resolve("audit").resolve("audit.log");

    server.token.unplug();
    try {
      // PKI first: it signs with the token object and notices at once. Transit's HSM keys run on
      // session copies in SoftHSM's memory, which notice a vanished token store at their next
      // re-check (within 1 s); once one call has failed, the gateway fails every HSM user fast.
      unavailable("pki issue", this::issue);
      unavailable("transit hsm encrypt", () -> encryptRequest("hsm-key"));
      unavailable("transit hsm decrypt", () -> decryptRequest("hsm-key", hsmCiphertext));
      unavailable("kek rotation", () -> server.post("/v1/sys/rotate/root", null));
      ok(server.post("/v1/secret/data/a", kv("during")));
      assertEquals(
          "during", server.get("/v1/secret/data/a").data().getJsonObject("data").getString("v"));
      assertEquals("plain", decrypt("soft-key", encrypt("soft-key", "plain")));
      assertFalse(health().getBoolean("hsm_reachable"));
      assertFalse(sealStatus().getBoolean("hsm_reachable"));
      assertEquals(0.0, hsmUpGauge());
      ok(server.post("/v1/sys/seal", null));
      unavailable("unseal", () -> server.call("PUT", "/v1/sys/unseal", null, new JsonObject()));
      assertTrue(sealStatus().getBoolean("sealed"));
    } finally {
      server.token.plugBack();
    }
    long checkpointsBefore = checkpoints(audit);

    long back = System.nanoTime();
    awaitReachable();
    timings.put("hsm reachable again after return", System.nanoTime() - back);
    Response unsealed = server.call("PUT", "/v1/sys/unseal", null, new JsonObject());
    timings.put("unsealed after return", System.nanoTime() - back);
    ok(unsealed);
    assertEquals("before the outage", decrypt("hsm-key", hsmCiphertext));
    ok(encryptRequest("hsm-key"));
    ok(issue());
    Response rotated = server.post("/v1/sys/rotate/root", null);
    ok(rotated);
    timings.put("every HSM user working after return", System.nanoTime() - back);
    assertEquals(1.0, hsmUpGauge());
    assertTrue(health().getBoolean("hsm_reachable"));
    assertEquals(
        "during", server.get("/v1/secret/data/a").data().getJsonObject("data").getString("v"));
    server.stop();
    assertTrue(
        checkpoints(audit) > checkpointsBefore,
        "no audit checkpoint signed after the HSM returned");
    System.out.println("HSM outage timing (ms): " + inMillis());
  }

  @Test
  void devServer_startedWithoutItsToken_staysUpSealed_andUnsealsWhenItReturns() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    server.awaitServing();
    ok(server.post("/v1/secret/data/a", kv("kept")));
    server.stop();

    server.token.unplug();
    try {
      server.restart();
      JsonObject sealed = sealStatus();
      assertTrue(sealed.getBoolean("sealed"), sealed::encode);
      assertFalse(sealed.getBoolean("hsm_reachable"), sealed::encode);
      assertEquals(503, server.get("/v1/secret/data/a").status());
    } finally {
      server.token.plugBack();
    }

    VaultTestServer.awaitTrue(
        "unsealed after the token's return",
        Duration.ofNanos(RETURN_DEADLINE_NANOS),
        () -> !sealStatus().getBoolean("sealed"));
    assertEquals(
        "kept", server.get("/v1/secret/data/a").data().getJsonObject("data").getString("v"));
  }

  private Map<String, Long> inMillis() {
    Map<String, Long> ms = new LinkedHashMap<>();
    timings.forEach((k, v) -> ms.put(k, v / 1_000_000));
    return ms;
  }

  private static JsonObject fileAudit() {
    return new JsonObject()
        .put("type", "file")
        .put(
            "options",
            new JsonObject().put("file_path", "audit.log").put("checkpoint_records", "1"));
  }

  private static JsonObject kv(String value) {
    return new JsonObject().put("data", new JsonObject().put("v", value));
  }

  private Response issue() {
    return server.post(
        "/v1/pki/issue/core-server",
        new JsonObject().put("common_name", "a.core.keyward.internal"));
  }

  private Response encryptRequest(String key) {
    return server.post(
        "/v1/transit/encrypt/" + key,
        new JsonObject()
            .put(
                "plaintext",
                Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8))));
  }

  private String encrypt(String key, String plaintext) {
    Response r =
        server.post(
            "/v1/transit/encrypt/" + key,
            new JsonObject()
                .put(
                    "plaintext",
                    Base64.getEncoder()
                        .encodeToString(plaintext.getBytes(StandardCharsets.UTF_8))));
    ok(r);
    return r.data().getString("ciphertext");
  }

  private Response decryptRequest(String key, String ciphertext) {
    return server.post(
        "/v1/transit/decrypt/" + key, new JsonObject().put("ciphertext", ciphertext));
  }

  private String decrypt(String key, String ciphertext) {
    Response r = decryptRequest(key, ciphertext);
    ok(r);
    return new String(
        Base64.getDecoder().decode(r.data().getString("plaintext")), StandardCharsets.UTF_8);
  }

  /** Asserts a 503 with an {@code errors} body, and records how long it took. */
  private void unavailable(String what, Supplier<Response> call) {
    long start = System.nanoTime();
    Response r = call.get();
    timings.put("503 " + what, System.nanoTime() - start);
    assertEquals(503, r.status(), () -> what + ": " + r.body());
    assertFalse(r.json().getJsonArray("errors").isEmpty(), r::body);
    assertFalse(r.body().contains("CKR_"), r::body);
  }

  private static void ok(Response r) {
    assertTrue(r.status() == 200 || r.status() == 204, r::body);
  }

  private JsonObject health() {
    return server.call("GET", "/v1/sys/health?sealedcode=200", null, null).json();
  }

  private JsonObject sealStatus() {
    return server.call("GET", "/v1/sys/seal-status", null, null).json();
  }

  private double hsmUpGauge() {
    String text = server.get("/v1/sys/metrics?format=prometheus").body();
    for (String line : text.split("\n")) {
      if (line.startsWith("keyward_hsm_up")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no keyward_hsm_up in the metrics");
  }

  /** Polls sys/health until the HSM is reachable; failing after the issue's 10 s. */
  private void awaitReachable() {
    VaultTestServer.awaitTrue(
        "HSM reachable after its return",
        Duration.ofNanos(RETURN_DEADLINE_NANOS),
        () -> health().getBoolean("hsm_reachable"));
  }

  private static long checkpoints(Path audit) throws Exception {
    return Files.readAllLines(audit, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("\"type\":\"checkpoint\""))
        .count();
  }
}
