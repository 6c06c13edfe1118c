package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AppRole end to end on the whole server over HTTPS (SoftHSM, SQLite): enabled through {@code
 * sys/auth}, a role with a policy, a role id and a limited secret id, the login token used under
 * its policy and nothing more, renewed and revoked like any token; replayed or used-up secret ids
 * and a locked-out role id refused with nothing changed. Lockout threshold 3 (config key).
 */
class AppRoleHttpsIT {
  @TempDir Path dir;
  private VaultTestServer server;

  @BeforeEach
  void start() {
    server =
        VaultTestServer.startDev(
            dir.resolve("data"), Map.of(ConfigKey.LOGIN_LOCKOUT_THRESHOLD, "3"));
    TestAppRoles.enable(server, "approle");
    TestAppRoles.readerPolicy(server, "orch-reader", "devices/");
    JsonObject device = new JsonObject().put("data", new JsonObject().put("community", "c0mm"));
    assertEquals(200, server.post("/v1/secret/data/devices/olt-1", device).status());
    assertEquals(200, server.post("/v1/secret/data/other/x", device).status());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void login_withRoleAndSecretId_returnsVaultAuthBlockAndTokenActsUnderPolicy() {
    TestAppRoles.role(server, "approle", "orch", TestAppRoles.roleSettings("orch-reader", "10m"));
    String roleId = TestAppRoles.roleId(server, "approle", "orch");
    JsonObject secret =
        TestAppRoles.secretId(
            server, "approle", "orch", new JsonObject().put("ttl", "1h").put("num_uses", 2));
    assertEquals(3600, secret.getLong("secret_id_ttl"));
    assertEquals(2, secret.getLong("secret_id_num_uses"));

    VaultTestServer.Response login =
        TestAppRoles.login(server, "approle", roleId, secret.getString("secret_id"));

    assertEquals(200, login.status(), login.body());
    JsonObject auth = login.json().getJsonObject("auth");
    String token = auth.getString("client_token");
    assertTrue(token.startsWith("hvs."));
    assertFalse(auth.getString("accessor").isEmpty());
    assertEquals(new JsonArray(List.of("default", "orch-reader")), auth.getJsonArray("policies"));
    assertEquals(auth.getJsonArray("policies"), auth.getJsonArray("token_policies"));
    assertEquals(new JsonObject().put("role_name", "orch"), auth.getJsonObject("metadata"));
    assertEquals(600, auth.getLong("lease_duration"));
    assertTrue(auth.getBoolean("renewable"));
    assertTrue(
        auth.getString("entity_id").matches("[0-9a-f-]{36}"), "the login made an identity entity");
    assertEquals("service", auth.getString("token_type"));

    assertEquals(200, as(token, "GET", "/v1/secret/data/devices/olt-1").status());
    assertEquals(403, as(token, "GET", "/v1/secret/data/other/x").status());
    assertEquals(
        403,
        server
            .call(
                "POST",
                "/v1/secret/data/devices/olt-1",
                token,
                new JsonObject().put("data", new JsonObject()))
            .status());
    assertEquals(403, as(token, "GET", "/v1/sys/auth").status());

    JsonObject self = as(token, "GET", "/v1/auth/token/lookup-self").data();
    assertEquals("auth/approle/login", self.getString("path"));
    assertEquals("approle", self.getString("display_name"));
    assertEquals("orch", self.getJsonObject("meta").getString("role_name"));
    assertTrue(self.getBoolean("orphan"));

    VaultTestServer.Response renewed =
        server.call(
            "POST", "/v1/auth/token/renew-self", token, new JsonObject().put("increment", "30m"));
    assertEquals(200, renewed.status(), renewed.body());
    assertEquals(1800, renewed.json().getJsonObject("auth").getLong("lease_duration"));
    assertEquals(204, as(token, "POST", "/v1/auth/token/revoke-self").status());
    assertEquals(403, as(token, "GET", "/v1/secret/data/devices/olt-1").status());
  }

  @Test
  void login_replayedSecretIdAfterLastUse_400AndFirstTokenUnaffected() {
    TestAppRoles.role(server, "approle", "orch", TestAppRoles.roleSettings("orch-reader", "10m"));
    String roleId = TestAppRoles.roleId(server, "approle", "orch");
    String secretId =
        TestAppRoles.secretId(server, "approle", "orch", new JsonObject().put("num_uses", 1))
            .getString("secret_id");
    String token =
        TestAppRoles.login(server, "approle", roleId, secretId)
            .json()
            .getJsonObject("auth")
            .getString("client_token");

    VaultTestServer.Response replay = TestAppRoles.login(server, "approle", roleId, secretId);

    assertEquals(400, replay.status(), replay.body());
    assertFalse(replay.json().getJsonArray("errors").isEmpty());
    assertFalse(replay.body().contains("hvs."));
    assertEquals(200, as(token, "GET", "/v1/secret/data/devices/olt-1").status());
    VaultTestServer.Response wrongRole =
        TestAppRoles.login(server, "approle", "00000000-0000-0000-0000-000000000000", secretId);
    assertEquals(400, wrongRole.status());
  }

  @Test
  void login_roleWithTokenNumUses_tokenStopsAfterItsUses() {
    TestAppRoles.role(
        server,
        "approle",
        "once",
        TestAppRoles.roleSettings("orch-reader", "10m").put("token_num_uses", 2));
    String roleId = TestAppRoles.roleId(server, "approle", "once");
    String secretId =
        TestAppRoles.secretId(server, "approle", "once", new JsonObject()).getString("secret_id");
    JsonObject auth =
        TestAppRoles.login(server, "approle", roleId, secretId).json().getJsonObject("auth");
    String token = auth.getString("client_token");

    assertEquals(2, auth.getLong("num_uses"));
    assertEquals(200, as(token, "GET", "/v1/secret/data/devices/olt-1").status());
    assertEquals(200, as(token, "GET", "/v1/secret/data/devices/olt-1").status());
    assertEquals(403, as(token, "GET", "/v1/secret/data/devices/olt-1").status());
  }

  @Test
  void login_afterThresholdFailures_403EvenWithRightSecretAndOthersUnaffected() {
    TestAppRoles.role(server, "approle", "orch", TestAppRoles.roleSettings("orch-reader", "10m"));
    TestAppRoles.role(server, "approle", "other", TestAppRoles.roleSettings("orch-reader", "10m"));
    String roleId = TestAppRoles.roleId(server, "approle", "orch");
    String secretId =
        TestAppRoles.secretId(server, "approle", "orch", new JsonObject().put("num_uses", 5))
            .getString("secret_id");
    // Spelling variants of the role id count against one identity.
    for (String variant : List.of(roleId, roleId.toUpperCase(), " " + roleId)) {
      assertEquals(400, TestAppRoles.login(server, "approle", variant, "wrong").status());
    }

    VaultTestServer.Response locked = TestAppRoles.login(server, "approle", roleId, secretId);

    assertEquals(403, locked.status(), locked.body());
    assertEquals(
        List.of("too many failed login attempts; try again later"),
        locked.json().getJsonArray("errors").getList());
    VaultTestServer.Response lookup =
        server.post(
            "/v1/auth/approle/role/orch/secret-id/lookup",
            new JsonObject().put("secret_id", secretId));
    assertEquals(5, lookup.data().getLong("secret_id_num_uses"), "the refusal spent no use");
    String otherId = TestAppRoles.roleId(server, "approle", "other");
    String otherSecret =
        TestAppRoles.secretId(server, "approle", "other", new JsonObject()).getString("secret_id");
    assertEquals(200, TestAppRoles.login(server, "approle", otherId, otherSecret).status());
  }

  private VaultTestServer.Response as(String token, String method, String path) {
    return server.call(method, path, token, null);
  }
}
