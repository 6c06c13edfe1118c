package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * What the real server cannot show on this branch or on demand, against an HTTPS stub whose
 * certificates come from the real server's PKI: the AppRole and cert login request shapes (the
 * server does not mount those auth methods yet; test them against it once it does) and retries on
 * 429/503 (same request id on each attempt, none for writes, none for 400).
 */
class StubServerIT {
  private static final String AUTH =
      "{\"auth\":{\"client_token\":\"s.stub-token\",\"accessor\":\"acc-1\","
          + "\"policies\":[\"cell\"],\"lease_duration\":3600,\"renewable\":true}}";
  private static final String LOOKUP =
      "{\"data\":{\"accessor\":\"acc-1\",\"policies\":[\"cell\"],\"ttl\":3600,"
          + "\"renewable\":true}}";

  @TempDir static Path dir;
  static LiveVault vault;
  static StubVaultServer stub;
  static Path caFile;
  static IssuedCertificate clientCert;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    vault = LiveVault.start(dir);
    VaultClient root = vault.rootClient();
    TestPki.setUp(root, "stub", "1h");
    IssuedCertificate serverCert =
        root.pki().issue("stub", CertificateRequest.forName("localhost").ipSans("127.0.0.1"));
    clientCert = root.pki().issue("stub", CertificateRequest.forName("cell-7.example.net"));
    List<java.security.cert.X509Certificate> ca = root.pki().caChain();
    stub =
        new StubVaultServer(
            TlsContexts.context(
                TlsContexts.keyManagers(serverCert.privateKey(), serverCert.chain()),
                TlsContexts.trustManagers(ca)));
    caFile = Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.get(0)));
    stub.route("POST /v1/auth/approle/login", r -> new Answer(200, AUTH));
    stub.route("POST /v1/auth/cert/login", r -> new Answer(200, AUTH));
    stub.route("GET /v1/auth/token/lookup-self", r -> new Answer(200, LOOKUP));
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
  void appRoleLogin_postsRoleAndSecretIdWithoutToken_thenUsesNewToken() throws Exception {
    VaultClient c = client();

    AuthInfo auth =
        c.login(LoginMethod.appRole("approle", "role-123", SecretString.of("secret-456")));
    c.token().lookupSelf();

    Received login = stub.requests("/v1/auth/approle/login").get(0);
    assertEquals(
        Map.of("role_id", "role-123", "secret_id", "secret-456"),
        json.readValue(login.body(), Map.class));
    assertNull(login.token());
    assertEquals("s.stub-token", stub.requests("/v1/auth/token/lookup-self").get(0).token());
    assertEquals(Duration.ofHours(1), auth.leaseDuration());
    assertFalse(auth.toString().contains("s.stub-token"), auth::toString);
    assertTrue(c.session().expiry().isPresent());
  }

  @Test
  void certLogin_presentsClientCertificateFromEnvironmentFiles() throws Exception {
    Path cert = Files.writeString(dir.resolve("client.pem"), Pem.encode(clientCert.certificate()));
    Path key =
        Files.writeString(dir.resolve("client-key.pem"), Pem.encode(clientCert.privateKey()));
    VaultClient c =
        client(
            Map.of(
                "VAULT_ADDR", stub.address(),
                "VAULT_CACERT", caFile.toString(),
                "VAULT_CLIENT_CERT", cert.toString(),
                "VAULT_CLIENT_KEY", key.toString()));

    c.login(LoginMethod.certificate("cert", "cells"));

    Received login = stub.requests("/v1/auth/cert/login").get(0);
    assertNotNull(login.clientCertificate(), "no client certificate presented");
    assertEquals(
        clientCert.certificate().getSerialNumber(), login.clientCertificate().getSerialNumber());
    assertEquals(Map.of("name", "cells"), json.readValue(login.body(), Map.class));
    assertNull(login.token());
    assertEquals("s.stub-token", c.session().currentToken().orElseThrow().reveal());
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
}
