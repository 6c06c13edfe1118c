package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * Vault's create-versus-update rule through the whole server: a write to a kv v2 {@code data/} or
 * {@code metadata/} path, or a transit {@code encrypt/} under a key, needs {@code create} while the
 * target is missing and {@code update} once it exists; other writes need {@code update}. Each test
 * uses its own paths and tokens, so the shared server carries no order between tests. Every denied
 * attempt must leave storage as it was and be in the audit file as denied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateUpdateCapabilityIT {
  private VaultTestServer server;
  private Path auditFile;

  @BeforeAll
  void start(@TempDir Path dir) {
    server = VaultTestServer.startDev(dir.resolve("data"));
    Response enabled =
        server.call(
            "PUT",
            "/v1/sys/audit/file",
            VaultTestServer.ROOT,
            new JsonObject()
                .put("type", "file")
                .put("options", new JsonObject().put("file_path", "audit.log")));
    assertEquals(204, enabled.status(), enabled::body);
    auditFile = dir.resolve("data").resolve("audit").resolve("audit.log");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void kvWrite_createOnly_createsNewSecretButCannotOverwriteIt() {
    String token = tokenWith("secret/data/c-only/*", "create", "read");
    String path = "/v1/secret/data/c-only/olt-1";

    Response created = server.call("POST", path, token, secret("first"));
    Response overwrite = server.call("POST", path, token, secret("second"));

    assertEquals(200, created.status(), created::body);
    assertEquals(403, overwrite.status(), overwrite::body);
    assertEquals("first", storedPassword(path));
    assertEquals(
        1, server.get("/v1/secret/metadata/c-only/olt-1").data().getLong("current_version"));
    assertDeniedInAudit("secret/data/c-only/olt-1", "update");
  }

  @Test
  void kvWrite_updateOnly_overwritesButCannotCreate() {
    String token = tokenWith("secret/data/u-only/*", "update", "read");
    String existing = "/v1/secret/data/u-only/olt-1";
    String missing = "/v1/secret/data/u-only/olt-2";
    assertEquals(200, server.post(existing, secret("by-root")).status());

    Response overwritten = server.call("POST", existing, token, secret("by-update"));
    Response create = server.call("POST", missing, token, secret("never"));

    assertEquals(200, overwritten.status(), overwritten::body);
    assertEquals("by-update", storedPassword(existing));
    assertEquals(403, create.status(), create::body);
    assertEquals(404, server.get("/v1/secret/metadata/u-only/olt-2").status());
    assertDeniedInAudit("secret/data/u-only/olt-2", "create");
  }

  @Test
  void kvWrite_createAndUpdate_createsThenOverwrites() {
    String token = tokenWith("secret/data/cu/*", "create", "update");
    String path = "/v1/secret/data/cu/olt-1";

    Response created = server.call("POST", path, token, secret("v1"));
    Response overwritten = server.call("PUT", path, token, secret("v2"));

    assertEquals(200, created.status(), created::body);
    assertEquals(200, overwritten.status(), overwritten::body);
    assertEquals(2, overwritten.data().getLong("version"));
    assertEquals("v2", storedPassword(path));
  }

  @Test
  void kvWrite_root_createsThenOverwrites() {
    String path = "/v1/secret/data/root-writes/olt-1";

    assertEquals(200, server.post(path, secret("v1")).status());
    Response overwritten = server.post(path, secret("v2"));

    assertEquals(200, overwritten.status(), overwritten::body);
    assertEquals(2, overwritten.data().getLong("version"));
    assertEquals("v2", storedPassword(path));
  }

  @Test
  void kvWrite_afterAllVersionsDeleted_stillNeedsUpdate() {
    // The secret keeps its metadata when its versions are deleted, so it still exists (Vault).
    String token = tokenWith("secret/data/gone/*", "create");
    String path = "/v1/secret/data/gone/olt-1";
    assertEquals(200, server.post(path, secret("v1")).status());
    assertEquals(204, server.call("DELETE", path, VaultTestServer.ROOT, null).status());

    Response write = server.call("POST", path, token, secret("v2"));

    assertEquals(403, write.status(), write::body);
    assertEquals(1, server.get("/v1/secret/metadata/gone/olt-1").data().getLong("current_version"));
  }

  @Test
  void kvMetadataWrite_createOnly_createsButCannotChange() {
    String token = tokenWith("secret/metadata/meta-c/*", "create");
    String path = "/v1/secret/metadata/meta-c/olt-1";

    Response created = server.call("POST", path, token, new JsonObject().put("max_versions", 3));
    Response changed = server.call("POST", path, token, new JsonObject().put("max_versions", 9));

    assertEquals(204, created.status(), created::body);
    assertEquals(403, changed.status(), changed::body);
    assertEquals(3, server.get(path).data().getInteger("max_versions"));
    assertDeniedInAudit("secret/metadata/meta-c/olt-1", "update");
  }

  @Test
  void kvMetadataWrite_updateOnly_changesButCannotCreate() {
    String token = tokenWith("secret/metadata/meta-u/*", "update");
    String existing = "/v1/secret/metadata/meta-u/olt-1";
    String missing = "/v1/secret/metadata/meta-u/olt-2";
    assertEquals(204, server.post(existing, new JsonObject().put("max_versions", 3)).status());

    Response changed =
        server.call("POST", existing, token, new JsonObject().put("max_versions", 5));
    Response create = server.call("POST", missing, token, new JsonObject().put("max_versions", 5));

    assertEquals(204, changed.status(), changed::body);
    assertEquals(5, server.get(existing).data().getInteger("max_versions"));
    assertEquals(403, create.status(), create::body);
    assertEquals(404, server.get(missing).status());
  }

  @Test
  void kvOtherWrites_needUpdateWhateverExists() {
    // delete/ has no existence check in Vault: create alone never reaches it.
    String token = tokenWith("secret/delete/other/*", "create");
    assertEquals(200, server.post("/v1/secret/data/other/olt-1", secret("v1")).status());

    Response delete =
        server.call(
            "POST",
            "/v1/secret/delete/other/olt-1",
            token,
            new JsonObject().put("versions", new JsonArray().add(1)));

    assertEquals(403, delete.status(), delete::body);
    assertEquals(200, server.get("/v1/secret/data/other/olt-1").status());
  }

  @Test
  void transitEncrypt_updateOnly_usesExistingKeyButCannotCreateOne() {
    String token = tokenWith("transit/encrypt/*", "update");
    assertEquals(200, server.post("/v1/transit/keys/te-u-existing", new JsonObject()).status());

    Response existing = server.call("POST", "/v1/transit/encrypt/te-u-existing", token, plain());
    Response missing = server.call("POST", "/v1/transit/encrypt/te-u-missing", token, plain());

    assertEquals(200, existing.status(), existing::body);
    assertTrue(existing.data().getString("ciphertext").startsWith("vault:v1:"), existing::body);
    assertEquals(403, missing.status(), missing::body);
    assertEquals(404, server.get("/v1/transit/keys/te-u-missing").status());
    assertDeniedInAudit("transit/encrypt/te-u-missing", "create");
  }

  @Test
  void transitEncrypt_createOnly_createsMissingKeyButCannotUseExistingOne() {
    String token = tokenWith("transit/encrypt/*", "create");
    assertEquals(200, server.post("/v1/transit/keys/te-c-existing", new JsonObject()).status());

    Response missing = server.call("POST", "/v1/transit/encrypt/te-c-new", token, plain());
    Response existing = server.call("POST", "/v1/transit/encrypt/te-c-existing", token, plain());

    assertEquals(200, missing.status(), missing::body);
    assertEquals(200, server.get("/v1/transit/keys/te-c-new").status());
    assertEquals(403, existing.status(), existing::body);
    assertDeniedInAudit("transit/encrypt/te-c-existing", "update");
  }

  @Test
  void transitKeyWrite_createOnly_isDenied() {
    // keys/<name> has no existence check in Vault: creating a key needs update.
    String createOnly = tokenWith("transit/keys/*", "create");
    String updateOnly = tokenWith("transit/keys/*", "update");

    Response denied = server.call("POST", "/v1/transit/keys/tk-1", createOnly, new JsonObject());
    Response made = server.call("POST", "/v1/transit/keys/tk-2", updateOnly, new JsonObject());

    assertEquals(403, denied.status(), denied::body);
    assertEquals(404, server.get("/v1/transit/keys/tk-1").status());
    assertEquals(200, made.status(), made::body);
  }

  @Test
  void pkiRoleWrite_createOnly_isDenied() {
    // roles/<name> has no existence check in OpenBao's pki either: a new role needs update.
    String createOnly = tokenWith("pki/roles/*", "create");
    JsonObject role = new JsonObject().put("allowed_domains", "example.org");

    Response denied = server.call("POST", "/v1/pki/roles/cu-role", createOnly, role);

    assertEquals(403, denied.status(), denied::body);
    assertEquals(404, server.get("/v1/pki/roles/cu-role").status());
    assertDeniedInAudit("pki/roles/cu-role", "update");
  }

  @Test
  void policyWrite_updateOnly_createsNewPolicy() {
    // sys/policies/acl/<name> has no existence check in Vault either.
    String token = tokenWith("sys/policies/acl/*", "update");
    JsonObject policy = new JsonObject().put("policy", rule("secret/data/x", "read"));

    Response made = server.call("PUT", "/v1/sys/policies/acl/pw-new", token, policy);

    assertEquals(204, made.status(), made::body);
  }

  // --- helpers

  /** A token holding only a fresh policy with one rule. */
  private String tokenWith(String pattern, String... capabilities) {
    String name = "p-" + UUID.randomUUID().toString().substring(0, 8);
    Response written =
        server.call(
            "PUT",
            "/v1/sys/policies/acl/" + name,
            VaultTestServer.ROOT,
            new JsonObject().put("policy", rule(pattern, capabilities)));
    assertEquals(204, written.status(), written::body);
    Response token =
        server.post(
            "/v1/auth/token/create",
            new JsonObject()
                .put("policies", new JsonArray().add(name))
                .put("no_default_policy", true));
    assertEquals(200, token.status(), token::body);
    return token.json().getJsonObject("auth").getString("client_token");
  }

  private static String rule(String pattern, String... capabilities) {
    StringBuilder caps = new StringBuilder();
    for (String c : capabilities) {
      caps.append(caps.length() == 0 ? "" : ", ").append('"').append(c).append('"');
    }
    return "path \"" + pattern + "\" {\n  capabilities = [" + caps + "]\n}\n";
  }

  private static JsonObject secret(String password) {
    return new JsonObject().put("data", new JsonObject().put("password", password));
  }

  private static JsonObject plain() {
    return new JsonObject().put("plaintext", "aGVsbG8=");
  }

  private String storedPassword(String path) {
    Response read = server.get(path);
    assertEquals(200, read.status(), read::body);
    return read.data().getJsonObject("data").getString("password");
  }

  /** The audit file holds a denied request record for {@code path} as this operation. */
  private void assertDeniedInAudit(String path, String operation) {
    List<String> lines;
    try {
      lines = Files.readAllLines(auditFile, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    boolean found =
        lines.stream()
            .map(JsonObject::new)
            .filter(r -> r.getJsonObject("request") != null)
            .filter(r -> path.equals(r.getJsonObject("request").getString("path")))
            .filter(r -> operation.equals(r.getJsonObject("request").getString("operation")))
            .anyMatch(
                r ->
                    r.getJsonObject("policy_decision") != null
                        && !r.getJsonObject("policy_decision").getBoolean("allowed"));
    assertTrue(found, "no denied " + operation + " of " + path + " in the audit file");
  }
}
