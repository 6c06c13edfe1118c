package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * The vault's life through the whole server: init, unseal through a real SoftHSM token at every
 * start, seal and unseal, keyring and KEK rotation, re-encryption and retirement, a missing HSM,
 * and the hot path making no HSM call.
 */
class VaultLifecycleIT {
  @TempDir Path dir;
  private VaultTestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonObject secret(String password) {
    return new JsonObject()
        .put("data", new JsonObject().put("username", "admin").put("password", password));
  }

  private String readPassword(String path) {
    Response r = server.get("/v1/secret/data/" + path);
    assertEquals(200, r.status(), r::body);
    return r.data().getJsonObject("data").getString("password");
  }

  @Test
  void kvReadsAndWrites_makeNoHsmCall() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    double before = server.hsmCalls();

    for (int i = 0; i < 500; i++) {
      assertEquals(
          200, server.post("/v1/secret/data/devices/olt-" + i, secret("pw-" + i)).status());
    }
    for (int i = 0; i < 500; i++) {
      assertEquals("pw-" + i, readPassword("devices/olt-" + i));
    }

    assertTrue(before > 0, "init used the HSM, so the counter is live");
    assertEquals(before, server.hsmCalls(), "1,000 KV requests made no HSM call");
  }

  @Test
  void sealThenUnseal_refusesRequestsWhileSealedAndKeepsData() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    server.post("/v1/secret/data/devices/olt-1", secret("s3cret"));

    assertEquals(204, server.call("PUT", "/v1/sys/seal", VaultTestServer.ROOT, null).status());
    Response sealed = server.get("/v1/secret/data/devices/olt-1");
    JsonObject status = server.call("GET", "/v1/sys/seal-status", null, null).json();
    Response unsealed = server.call("PUT", "/v1/sys/unseal", null, new JsonObject());

    assertEquals(503, sealed.status());
    assertEquals(List.of("Vault is sealed"), sealed.json().getJsonArray("errors").getList());
    assertTrue(status.getBoolean("sealed"));
    assertEquals("pkcs11", status.getString("type"));
    assertEquals(200, unsealed.status(), unsealed::body);
    assertEquals("s3cret", readPassword("devices/olt-1"));
  }

  @Test
  void keyringRotation_newWritesUseNewKey_reencryptionLetsOldTermsRetire() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    server.post("/v1/secret/data/devices/a", secret("written-under-term-1"));

    assertEquals(204, server.call("PUT", "/v1/sys/rotate", VaultTestServer.ROOT, null).status());
    JsonObject keyStatus = server.get("/v1/sys/key-status").data();
    server.post("/v1/secret/data/devices/b", secret("written-under-term-2"));
    Response tooEarly = server.post("/v1/sys/keyring/retire", new JsonObject());
    assertEquals(200, server.post("/v1/sys/reencrypt", new JsonObject()).status());
    JsonObject progress = awaitReencryption();
    Response retired = server.post("/v1/sys/keyring/retire", new JsonObject());
    server.restart();

    assertEquals(2, keyStatus.getInteger("term"));
    assertEquals(400, tooEarly.status(), tooEarly::body);
    assertEquals(0, progress.getInteger("remaining"));
    assertEquals(200, retired.status(), retired::body);
    assertEquals(new JsonArray().add(1), retired.data().getJsonArray("retired_terms"));
    assertEquals("written-under-term-1", readPassword("devices/a"));
    assertEquals("written-under-term-2", readPassword("devices/b"));
  }

  private JsonObject awaitReencryption() {
    VaultTestServer.awaitTrue(
        "re-encryption done",
        Duration.ofSeconds(60),
        () -> "done".equals(server.get("/v1/sys/reencrypt").data().getString("state")));
    return server.get("/v1/sys/reencrypt").data();
  }

  @Test
  void kekRotation_rewrapsKeyring_oldKekStaysUntilRemovedExplicitly() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    server.post("/v1/secret/data/devices/a", secret("before-kek-rotation"));

    Response rotated = server.post("/v1/sys/rotate/root", new JsonObject());
    JsonObject keks = server.get("/v1/sys/kek").data();
    server.restart();
    Response removeInUse = server.call("DELETE", "/v1/sys/kek/2", VaultTestServer.ROOT, null);
    Response removeOld = server.call("DELETE", "/v1/sys/kek/1", VaultTestServer.ROOT, null);
    server.restart();

    assertEquals(2, rotated.data().getInteger("kek_version"));
    assertEquals(new JsonArray().add(1).add(2), keks.getJsonArray("versions"));
    assertEquals(2, keks.getInteger("in_use"));
    assertEquals(400, removeInUse.status(), removeInUse::body);
    assertEquals(204, removeOld.status(), removeOld::body);
    assertEquals(new JsonArray().add(2), server.get("/v1/sys/kek").data().getJsonArray("versions"));
    assertEquals("before-kek-rotation", readPassword("devices/a"));
  }

  @Test
  void init_onConfiguredServer_returnsRootTokenOnce_andRestartUnsealsThroughHsm() {
    server = VaultTestServer.startConfigured(dir.resolve("data"));
    Response before = server.call("GET", "/v1/sys/health", null, null);

    Response init = server.call("PUT", "/v1/sys/init", null, new JsonObject());
    String root = init.json().getString("root_token");
    Response again = server.call("PUT", "/v1/sys/init", null, new JsonObject());
    Response mount =
        server.call(
            "POST",
            "/v1/sys/mounts/secret",
            root,
            new JsonObject()
                .put("type", "kv")
                .put("options", new JsonObject().put("version", "2")));
    Response written =
        server.call("POST", "/v1/secret/data/devices/olt-9", root, secret("kept-over-restart"));
    Response policies = server.call("GET", "/v1/sys/policies/acl?list=true", root, null);
    server.restart();
    Response health = server.call("GET", "/v1/sys/health", null, null);
    Response read = server.call("GET", "/v1/secret/data/devices/olt-9", root, null);

    assertEquals(501, before.status(), before::body);
    assertEquals(200, init.status(), init::body);
    assertTrue(root.startsWith("hvs."), root);
    assertEquals(1, init.json().getJsonArray("recovery_keys_base64").size());
    assertEquals(400, again.status(), again::body);
    assertEquals(204, mount.status(), mount::body);
    assertEquals(200, written.status(), written::body);
    List<?> names = policies.data().getJsonArray("keys").getList();
    assertTrue(
        names.containsAll(
            List.of("admin", "auditor", "orchestrator-core", "rotation-operator", "cell-server")),
        policies::body);
    assertEquals(200, health.status(), health::body);
    assertEquals(
        "kept-over-restart", read.data().getJsonObject("data").getString("password"), read::body);
  }

  @Test
  void missingHsmToken_serverStaysUpSealed_andAnswers503WithErrors() {
    server = VaultTestServer.startConfigured(dir.resolve("data"));
    String root =
        server.call("PUT", "/v1/sys/init", null, new JsonObject()).json().getString("root_token");

    server.restartWithTokenLabel("kw-no-such-token");
    Response health = server.call("GET", "/v1/sys/health", null, null);
    JsonObject status = server.call("GET", "/v1/sys/seal-status", null, null).json();
    Response kv = server.call("GET", "/v1/sys/mounts", root, null);

    assertEquals(503, health.status(), health::body);
    assertTrue(status.getBoolean("initialized"));
    assertTrue(status.getBoolean("sealed"));
    assertEquals(503, kv.status());
    assertFalse(kv.json().getJsonArray("errors").isEmpty());
    assertNotEquals(-1, kv.body().indexOf("sealed"));
  }
}
