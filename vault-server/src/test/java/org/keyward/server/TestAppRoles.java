package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** AppRole set-up steps against a {@link VaultTestServer}, as root, asserting each succeeded. */
final class TestAppRoles {
  private TestAppRoles() {}

  static void enable(VaultTestServer server, String path) {
    VaultTestServer.Response r =
        server.post("/v1/sys/auth/" + path, new JsonObject().put("type", "approle"));
    assertEquals(204, r.status(), r.body());
  }

  /** Writes a policy named {@code name} that may only read {@code secret/data/<prefix>*}. */
  static void readerPolicy(VaultTestServer server, String name, String prefix) {
    String hcl = "path \"secret/data/" + prefix + "*\" { capabilities = [\"read\"] }";
    VaultTestServer.Response r =
        server.post("/v1/sys/policies/acl/" + name, new JsonObject().put("policy", hcl));
    assertEquals(204, r.status(), r.body());
  }

  static void role(VaultTestServer server, String mount, String role, JsonObject settings) {
    VaultTestServer.Response r = server.post("/v1/auth/" + mount + "/role/" + role, settings);
    assertEquals(204, r.status(), r.body());
  }

  static JsonObject roleSettings(String policy, String tokenTtl) {
    return new JsonObject()
        .put("token_policies", new JsonArray().add(policy))
        .put("token_ttl", tokenTtl)
        .put("token_max_ttl", "1h");
  }

  static String roleId(VaultTestServer server, String mount, String role) {
    VaultTestServer.Response r = server.get("/v1/auth/" + mount + "/role/" + role + "/role-id");
    assertEquals(200, r.status(), r.body());
    return r.data().getString("role_id");
  }

  /** A new secret id; {@code body} may set {@code ttl} and {@code num_uses}. */
  static JsonObject secretId(VaultTestServer server, String mount, String role, JsonObject body) {
    VaultTestServer.Response r =
        server.post("/v1/auth/" + mount + "/role/" + role + "/secret-id", body);
    assertEquals(200, r.status(), r.body());
    return r.data();
  }

  static VaultTestServer.Response login(
      VaultTestServer server, String mount, String roleId, String secretId) {
    return server.call(
        "POST",
        "/v1/auth/" + mount + "/login",
        null,
        new JsonObject().put("role_id", roleId).put("secret_id", secretId));
  }
}
