package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sys/auth} on the whole server (SoftHSM, SQLite, TLS): list, enable, tune, disable, the
 * table surviving a restart, and bad input answered 400 with nothing changed.
 */
class SysAuthIT {
  @TempDir Path dir;
  private VaultTestServer server;

  @BeforeEach
  void start() {
    server = VaultTestServer.startDev(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void list_freshServer_showsBuiltInTokenInVaultShape() {
    VaultTestServer.Response r = server.get("/v1/sys/auth");

    assertEquals(200, r.status(), r.body());
    JsonObject token = r.data().getJsonObject("token/");
    assertEquals("token", token.getString("type"));
    assertEquals("default-service", token.getJsonObject("config").getString("token_type"));
    assertTrue(token.getString("accessor").startsWith("token_"));
    assertEquals(token, r.json().getJsonObject("token/"), "Vault repeats data at the top level");
  }

  @Test
  void enable_approleAndCert_listedServedAndKeptAcrossRestart() {
    JsonObject approle =
        new JsonObject()
            .put("type", "approle")
            .put("description", "orchestrators")
            .put("config", new JsonObject().put("default_lease_ttl", "30m"));
    assertEquals(204, server.post("/v1/sys/auth/approle", approle).status());
    assertEquals(
        204, server.post("/v1/sys/auth/cells/cert", new JsonObject().put("type", "cert")).status());

    server.restart();

    JsonObject data = server.get("/v1/sys/auth").data();
    assertEquals(
        List.of("approle/", "cells/cert/", "token/"), data.fieldNames().stream().sorted().toList());
    assertEquals("orchestrators", data.getJsonObject("approle/").getString("description"));
    assertEquals("cert", data.getJsonObject("cells/cert/").getString("type"));
    VaultTestServer.Response tune = server.get("/v1/sys/auth/approle/tune");
    assertEquals(200, tune.status(), tune.body());
    assertEquals(1800, tune.data().getLong("default_lease_ttl"));
    assertEquals(204, server.post("/v1/auth/approle/role/r1", new JsonObject()).status());
    String secretId =
        TestAppRoles.secretId(server, "approle", "r1", new JsonObject()).getString("secret_id");
    VaultTestServer.Response login =
        TestAppRoles.login(
            server, "approle", TestAppRoles.roleId(server, "approle", "r1"), secretId);
    assertEquals(1800, login.json().getJsonObject("auth").getLong("lease_duration"), login.body());
    // Served after the restart: a bad role reaches the cert method's own validation (400, not 404).
    VaultTestServer.Response badRole =
        server.post("/v1/auth/cells/cert/certs/x", new JsonObject().put("certificate", "nope"));
    assertEquals(400, badRole.status(), badRole.body());
  }

  @Test
  void enable_bodyAsVaultCliSendsIt_enabled() {
    JsonObject cli =
        new JsonObject(
            "{\"type\":\"approle\",\"description\":\"\",\"config\":{\"default_lease_ttl\":\"\","
                + "\"max_lease_ttl\":\"\",\"force_no_cache\":false,\"options\":null},"
                + "\"local\":false,\"seal_wrap\":false,\"external_entropy_access\":false,"
                + "\"options\":null}");

    VaultTestServer.Response r = server.post("/v1/sys/auth/cli", cli);

    assertEquals(204, r.status(), r.body());
    assertEquals(
        "approle", server.get("/v1/sys/auth").data().getJsonObject("cli/").getString("type"));
  }

  @Test
  void enable_badInput_400WithErrorsAndTableUnchanged() {
    assertEquals(
        204, server.post("/v1/sys/auth/approle", new JsonObject().put("type", "approle")).status());
    JsonObject before = server.get("/v1/sys/auth").data();

    for (Object[] c :
        new Object[][] {
          {"/v1/sys/auth/other", new JsonObject().put("type", "ldap")},
          {"/v1/sys/auth/other", new JsonObject().put("type", "kv")},
          {"/v1/sys/auth/other", new JsonObject()},
          {"/v1/sys/auth/approle", new JsonObject().put("type", "cert")},
          {"/v1/sys/auth/approle/nested", new JsonObject().put("type", "cert")},
          {"/v1/sys/auth/token", new JsonObject().put("type", "approle")},
          {"/v1/sys/auth/token/x", new JsonObject().put("type", "approle")},
          {"/v1/sys/auth/bad%20path", new JsonObject().put("type", "approle")},
          {"/v1/sys/auth/x", new JsonObject().put("type", "approle").put("config", "nope")},
        }) {
      VaultTestServer.Response r = server.post((String) c[0], (JsonObject) c[1]);
      assertEquals(400, r.status(), c[0] + " " + c[1] + " -> " + r.body());
      assertFalse(r.json().getJsonArray("errors").isEmpty(), r.body());
    }
    assertEquals(before, server.get("/v1/sys/auth").data());
  }

  @Test
  void disable_removesRoutesDataAndRevokesIssuedTokens() {
    TestAppRoles.enable(server, "approle");
    TestAppRoles.role(server, "approle", "orch", new JsonObject());
    String roleId = TestAppRoles.roleId(server, "approle", "orch");
    String secretId =
        TestAppRoles.secretId(server, "approle", "orch", new JsonObject()).getString("secret_id");
    String token =
        TestAppRoles.login(server, "approle", roleId, secretId)
            .json()
            .getJsonObject("auth")
            .getString("client_token");
    assertEquals(200, server.call("GET", "/v1/auth/token/lookup-self", token, null).status());

    VaultTestServer.Response disabled =
        server.call("DELETE", "/v1/sys/auth/approle", VaultTestServer.ROOT, null);

    assertEquals(204, disabled.status(), disabled.body());
    assertEquals(403, server.call("GET", "/v1/auth/token/lookup-self", token, null).status());
    assertFalse(server.get("/v1/sys/auth").data().containsKey("approle/"));
    assertEquals(404, server.post("/v1/auth/approle/role/orch", new JsonObject()).status());
    // Enabled again at the same path, it starts empty: the old role is gone with its data.
    TestAppRoles.enable(server, "approle");
    assertEquals(404, server.get("/v1/auth/approle/role/orch/role-id").status());
  }

  @Test
  void disable_builtInOrUnknown_400() {
    for (String path : List.of("token", "absent")) {
      VaultTestServer.Response r =
          server.call("DELETE", "/v1/sys/auth/" + path, VaultTestServer.ROOT, null);
      assertEquals(400, r.status(), r.body());
      assertNotNull(r.json().getJsonArray("errors"));
    }
    assertTrue(server.get("/v1/sys/auth").data().containsKey("token/"));
  }

  @Test
  void enable_withoutToken_403() {
    VaultTestServer.Response r =
        server.call("POST", "/v1/sys/auth/approle", null, new JsonObject().put("type", "approle"));
    assertEquals(403, r.status());
    assertFalse(server.get("/v1/sys/auth").data().containsKey("approle/"));
  }
}
