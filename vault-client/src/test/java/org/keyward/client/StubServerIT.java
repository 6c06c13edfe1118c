package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.client.StubVaultServer.Answer;
import org.keyward.client.StubVaultServer.Received;

/**
 * What the real server cannot show on demand, against an HTTPS stub whose certificates come from
 * the real server's PKI: retries on 429/503 (same request id on each attempt, none for writes, none
 * for 400). Logins are tested against the real server ({@link LoginIT}).
 */
class StubServerIT {
  @TempDir static Path dir;
  static LiveVault vault;
  static StubVaultServer stub;
  static Path caFile;

  @BeforeAll
  static void start() throws Exception {
    vault = LiveVault.start(dir);
    VaultClient root = vault.rootClient();
    TestPki.setUp(root, "stub", "1h");
    IssuedCertificate serverCert =
        root.pki().issue("stub", CertificateRequest.forName("localhost").ipSans("127.0.0.1"));
    List<java.security.cert.X509Certificate> ca = root.pki().caChain();
    stub =
        new StubVaultServer(
            TlsContexts.context(
                TlsContexts.keyManagers(serverCert.privateKey(), serverCert.chain()),
                TlsContexts.trustManagers(ca)));
    caFile = Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.get(0)));
  }

  @AfterAll
  static void stop() {
    stub.close();
    vault.close();
  }

  private VaultClient client(Map<String, String> env) {
    return vault.client(
        VaultConfig.fromEnvironment(env)
            .retryPolicy(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50)))
            .build());
  }

  private VaultClient client() {
    return client(Map.of("VAULT_ADDR", stub.address(), "VAULT_CACERT", caFile.toString()));
  }

  @Test
  void read_after429s_isRetriedWithSameRequestId() {
    AtomicInteger calls = new AtomicInteger();
    stub.route(
        "GET /v1/secret/data/flaky",
        r ->
            calls.incrementAndGet() <= 2
                ? new Answer(429, "{\"errors\":[\"rate limited\"]}")
                : new Answer(
                    200, "{\"data\":{\"data\":{\"k\":\"v\"},\"metadata\":{\"version\":3}}}"));

    KvSecret secret = client().kv().get("flaky").orElseThrow();

    List<Received> attempts = stub.requests("/v1/secret/data/flaky");
    assertEquals("v", secret.data().reveal().get("k"));
    assertEquals(3, attempts.size());
    assertEquals(1, attempts.stream().map(Received::requestId).distinct().count());
  }

  @Test
  void read_always503_failsAfterMaxAttemptsWithServerErrors() {
    stub.route(
        "GET /v1/secret/data/down", r -> new Answer(503, "{\"errors\":[\"Vault is sealed\"]}"));

    VaultException e = assertThrows(VaultException.class, () -> client().kv().get("down"));

    assertEquals(503, e.status());
    assertEquals(List.of("Vault is sealed"), e.errors());
    assertEquals(4, stub.requests("/v1/secret/data/down").size());
    assertTrue(e.getMessage().contains(e.requestId()), e::getMessage);
  }

  @Test
  void write_on503_isNotRetried() {
    stub.route("POST /v1/secret/data/busy", r -> new Answer(503, "{\"errors\":[\"busy\"]}"));

    VaultException e =
        assertThrows(
            VaultException.class, () -> client().kv().put("busy", SecretData.of(Map.of("k", "v"))));

    assertEquals(503, e.status());
    assertEquals(1, stub.requests("/v1/secret/data/busy").size());
  }

  @Test
  void read_on400_isNotRetried() {
    stub.route("GET /v1/secret/data/bad", r -> new Answer(400, "{\"errors\":[\"bad thing\"]}"));

    VaultException e = assertThrows(VaultException.class, () -> client().kv().get("bad"));

    assertEquals(List.of("bad thing"), e.errors());
    assertEquals(1, stub.requests("/v1/secret/data/bad").size());
  }

  @Test
  void read_withFirstAddressDown_movesToNextNodeAndLaterCallsStayThere() throws Exception {
    int dead;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      dead = s.getLocalPort(); // closed again: nothing listens there
    }
    stub.route(
        "GET /v1/secret/data/ha",
        r -> new Answer(200, "{\"data\":{\"data\":{\"k\":\"v\"},\"metadata\":{\"version\":1}}}"));
    stub.route("POST /v1/secret/data/ha", r -> new Answer(200, "{\"data\":{\"version\":2}}"));
    VaultClient client =
        client(
            Map.of(
                "VAULT_ADDR",
                "https://127.0.0.1:" + dead + ", " + stub.address(),
                "VAULT_CACERT",
                caFile.toString()));

    assertEquals("v", client.kv().get("ha").orElseThrow().data().reveal().get("k"));
    // A write is never retried, but it goes to the node that answered.
    client.kv().put("ha", SecretData.of(Map.of("k", "w")));

    assertEquals(
        1,
        stub.requests("/v1/secret/data/ha").stream()
            .filter(r -> r.method().equals("POST"))
            .count());
  }
}
