package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AppRole and certificate logins against the real dev server, both methods enabled through {@code
 * sys/auth}: the token a login returns is the one the client's next calls carry, under the role's
 * policy; the session renews an AppRole token and logs in again with the same role and secret id
 * once its max TTL stops renewal; certificate login presents the client certificate from {@code
 * VAULT_CLIENT_CERT}/{@code VAULT_CLIENT_KEY} files over real mTLS, a leaf of the server's own PKI.
 */
class LoginIT {
  @TempDir Path dir;
  private LiveVault vault;
  private VaultClient root;

  @BeforeEach
  void start() {
    vault = LiveVault.start(dir);
    root = vault.rootClient();
    root.admin()
        .writePolicy(
            "cell",
            "path \"secret/data/cells/*\" { capabilities = [\"read\", \"create\", \"update\"] }");
    root.kv().put("cells/cell-7", SecretData.of(Map.of("vlan", "17")));
    root.kv().put("core/db", SecretData.of(Map.of("password", "p")));
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void appRoleLogin_realServer_nextCallsUseTokenUnderRolePolicy() {
    Credentials cred = appRole("cells", "1h", "4h");
    VaultClient cell = vault.client(vault.configWithoutToken().build());

    AuthInfo auth = cell.login(LoginMethod.appRole("approle", cred.roleId, cred.secretId));

    assertEquals("17", cell.kv().get("cells/cell-7").orElseThrow().data().reveal().get("vlan"));
    VaultException denied = assertThrows(VaultException.class, () -> cell.kv().get("core/db"));
    assertEquals(403, denied.status());
    TokenInfo self = cell.token().lookupSelf();
    assertEquals(auth.accessor(), self.accessor());
    assertTrue(self.policies().contains("cell"), self.policies()::toString);
    assertEquals(auth.token(), cell.session().currentToken().orElseThrow());
    assertFalse(auth.toString().contains(auth.token().reveal()), auth::toString);
    assertTrue(cell.session().expiry().isPresent());
  }

  @Test
  void appRoleLogin_wrongSecretId_failsWithServerErrorAndNoToken() {
    Credentials cred = appRole("cells", "1h", "4h");
    VaultClient cell = vault.client(vault.configWithoutToken().build());

    VaultException e =
        assertThrows(
            VaultException.class,
            () ->
                cell.login(LoginMethod.appRole("approle", cred.roleId, SecretString.of("not-it"))));

    assertEquals(400, e.status(), e::getMessage);
    assertFalse(e.errors().isEmpty());
    assertTrue(cell.session().currentToken().isEmpty());
  }

  @Test
  void session_appRoleTokenAtMaxTtl_isRenewedThenReplacedByAppRoleLogin() throws Exception {
    // 6 s tokens that renewal can stretch to 12 s at most: one renewal, then a fresh login.
    Credentials cred = appRole("cells", "6s", "12s");
    VaultClient cell = vault.client(vault.configWithoutToken().build());
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    cell.session()
        .setListener(
            new SessionListener() {
              @Override
              public void loggedIn(AuthInfo auth) {
                events.add("login " + auth.accessor());
              }

              @Override
              public void renewed(AuthInfo auth) {
                events.add("renew " + auth.accessor());
              }

              @Override
              public void failed(VaultException error) {
                events.add("failed " + error.status());
              }
            });

    AuthInfo first = cell.login(LoginMethod.appRole("approle", cred.roleId, cred.secretId));
    assertEquals("login " + first.accessor(), events.take());
    String renewal = events.poll(60, TimeUnit.SECONDS);
    String again = events.poll(60, TimeUnit.SECONDS);

    assertEquals("renew " + first.accessor(), renewal);
    assertNotNull(again, "no second login before the deadline");
    assertTrue(again.startsWith("login "), again);
    String second = again.substring("login ".length());
    assertNotEquals(first.accessor(), second);
    assertEquals(second, cell.token().lookupSelf().accessor());
    assertEquals("17", cell.kv().get("cells/cell-7").orElseThrow().data().reveal().get("vlan"));
  }

  @Test
  void read_tokenRevokedBehindSession_logsInAgainOnceAndSucceeds() {
    Credentials cred = appRole("cells", "1h", "4h");
    VaultClient cell = vault.client(vault.configWithoutToken().build());
    List<String> logins = new CopyOnWriteArrayList<>();
    cell.session()
        .setListener(
            new SessionListener() {
              @Override
              public void loggedIn(AuthInfo auth) {
                logins.add(auth.accessor());
              }
            });
    AuthInfo first = cell.login(LoginMethod.appRole("approle", cred.roleId, cred.secretId));
    root.logical().write("auth/token/revoke", Map.of("token", first.token().reveal()));

    // A write is not sent twice: it fails, and nothing is written.
    VaultException write =
        assertThrows(
            VaultException.class,
            () -> cell.kv().put("cells/cell-9", SecretData.of(Map.of("vlan", "19"))));
    Object vlan = cell.kv().get("cells/cell-7").orElseThrow().data().reveal().get("vlan");

    assertEquals(403, write.status());
    assertTrue(root.kv().get("cells/cell-9").isEmpty());
    assertEquals("17", vlan);
    assertEquals(2, logins.size(), logins::toString);
    assertNotEquals(first.accessor(), logins.get(1));
    assertEquals(logins.get(1), cell.token().lookupSelf().accessor());
    cell.kv().put("cells/cell-9", SecretData.of(Map.of("vlan", "19")));
    assertEquals(2, logins.size(), logins::toString);
  }

  @Test
  void read_deniedByPolicyWithLiveToken_keepsTokenWithoutLogin() {
    Credentials cred = appRole("cells", "1h", "4h");
    VaultClient cell = vault.client(vault.configWithoutToken().build());
    AuthInfo auth = cell.login(LoginMethod.appRole("approle", cred.roleId, cred.secretId));

    VaultException first = assertThrows(VaultException.class, () -> cell.kv().get("core/db"));
    VaultException again = assertThrows(VaultException.class, () -> cell.kv().get("core/db"));

    assertEquals(403, first.status());
    assertEquals(403, again.status());
    assertEquals(auth.token(), cell.session().currentToken().orElseThrow());
  }

  @Test
  void read_fixedTokenRevoked_fails403() {
    SecretString fixed =
        root.token()
            .create(TokenCreateRequest.withPolicies("cell").ttl(Duration.ofHours(1)))
            .token();
    VaultClient c = vault.client(vault.configWithoutToken().token(fixed).build());
    root.logical().write("auth/token/revoke", Map.of("token", fixed.reveal()));

    VaultException e = assertThrows(VaultException.class, () -> c.kv().get("cells/cell-7"));

    assertEquals(403, e.status());
  }

  @Test
  void certLogin_leafOfServerPkiFromEnvironmentFiles_tokenUnderRolePolicy() throws Exception {
    TestPki.setUp(root, "cells", "1h");
    root.logical().write("sys/auth/cert", Map.of("type", "cert"));
    root.logical()
        .write(
            "auth/cert/certs/cells",
            Map.of(
                "certificate",
                Pem.encode(root.pki().caChain().get(0)),
                "allowed_common_names",
                List.of("*.example.net"),
                "token_policies",
                "cell",
                "token_ttl",
                "20m"));
    IssuedCertificate leaf =
        root.pki().issue("cells", CertificateRequest.forName("cell-7.example.net"));
    Path cert = Files.writeString(dir.resolve("cell-7.pem"), Pem.encode(leaf.certificate()));
    Path key = Files.writeString(dir.resolve("cell-7-key.pem"), Pem.encode(leaf.privateKey()));
    VaultClient cell =
        vault.client(
            VaultConfig.fromEnvironment(
                    Map.of(
                        "VAULT_ADDR", vault.server.address(),
                        "VAULT_CACERT", vault.server.caCertificate().toString(),
                        "VAULT_CLIENT_CERT", cert.toString(),
                        "VAULT_CLIENT_KEY", key.toString()))
                .build());

    AuthInfo auth = cell.login(LoginMethod.certificate("cert", "cells"));

    assertTrue(auth.policies().contains("cell"), auth.policies()::toString);
    assertEquals("17", cell.kv().get("cells/cell-7").orElseThrow().data().reveal().get("vlan"));
    assertEquals(403, assertThrows(VaultException.class, () -> cell.kv().get("core/db")).status());
    assertEquals(
        "auth/cert/login",
        cell.logical().read("auth/token/lookup-self").orElseThrow().data().path("path").asText());
    // The same login without a client certificate is refused.
    VaultClient anonymous = vault.client(vault.configWithoutToken().build());
    VaultException refused =
        assertThrows(
            VaultException.class, () -> anonymous.login(LoginMethod.certificate("cert", "cells")));
    assertEquals(400, refused.status());
  }

  private record Credentials(String roleId, SecretString secretId) {}

  /** Enables AppRole at {@code approle/} and makes a role under the {@code cell} policy. */
  private Credentials appRole(String role, String ttl, String maxTtl) {
    root.logical().write("sys/auth/approle", Map.of("type", "approle"));
    root.logical()
        .write(
            "auth/approle/role/" + role,
            Map.of("token_policies", List.of("cell"), "token_ttl", ttl, "token_max_ttl", maxTtl));
    String roleId =
        root.logical()
            .read("auth/approle/role/" + role + "/role-id")
            .orElseThrow()
            .data()
            .path("role_id")
            .asText();
    String secretId =
        root.logical()
            .write("auth/approle/role/" + role + "/secret-id", Map.of())
            .data()
            .path("secret_id")
            .asText();
    return new Credentials(roleId, SecretString.of(secretId));
  }
}
