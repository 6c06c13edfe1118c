package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.engine.transit.TransitHttpHarness.Response;

class TransitKeysIT {
  private TransitHttpHarness server;

  @BeforeEach
  void start() {
    server = TransitHttpHarness.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void createReadListDelete_keyLifecycle_followsVault() {
    Response created =
        server.post(
            "/v1/transit/keys/device-params", new JsonObject().put("auto_rotate_period", "2160h"));
    assertEquals(200, created.status(), created.body().encode());
    JsonObject data = created.data();
    assertEquals("device-params", data.getString("name"));
    assertEquals("aes256-gcm96", data.getString("type"));
    assertEquals(1, data.getInteger("latest_version"));
    assertEquals(1, data.getInteger("min_decryption_version"));
    assertEquals(0, data.getInteger("min_encryption_version"));
    assertEquals(7_776_000L, data.getLong("auto_rotate_period"));
    assertTrue(data.getBoolean("supports_encryption"));
    assertFalse(data.getBoolean("supports_signing"));
    assertFalse(data.getBoolean("deletion_allowed"));
    assertFalse(data.getBoolean("imported_key"));
    assertTrue(data.getJsonObject("keys").getValue("1") instanceof Number);
    assertEquals(data, server.get("/v1/transit/keys/device-params").data());
    assertEquals(
        new JsonArray().add("device-params"),
        server.list("/v1/transit/keys").data().getJsonArray("keys"));

    Response refused = server.delete("/v1/transit/keys/device-params");
    assertEquals(400, refused.status());
    assertEquals(List.of("deletion is not allowed for this key"), refused.errors());
    server.post(
        "/v1/transit/keys/device-params/config", new JsonObject().put("deletion_allowed", true));
    assertEquals(204, server.delete("/v1/transit/keys/device-params").status());
    assertEquals(404, server.get("/v1/transit/keys/device-params").status());
    assertEquals(404, server.list("/v1/transit/keys").status());
  }

  @Test
  void create_existingKey_keepsItsMaterial() {
    server.post("/v1/transit/keys/k", new JsonObject());
    String ct = server.encrypt("k", "x");
    server.post("/v1/transit/keys/k", new JsonObject().put("type", "chacha20-poly1305"));
    assertEquals("aes256-gcm96", server.get("/v1/transit/keys/k").data().getString("type"));
    assertEquals(
        200, server.post("/v1/transit/decrypt/k", new JsonObject().put("ciphertext", ct)).status());
  }

  @Test
  void read_asymmetricKey_showsPublicKeysPerVersion() {
    server.post("/v1/transit/keys/ed", new JsonObject().put("type", "ed25519"));
    server.post("/v1/transit/keys/ed/rotate", new JsonObject());
    JsonObject keys = server.get("/v1/transit/keys/ed").data().getJsonObject("keys");
    assertEquals(2, keys.size());
    JsonObject v2 = keys.getJsonObject("2");
    assertEquals(32, java.util.Base64.getDecoder().decode(v2.getString("public_key")).length);
    assertTrue(v2.containsKey("creation_time"));
  }

  @Test
  void trim_belowMinDecryption_removesOldVersions() {
    server.post("/v1/transit/keys/k", new JsonObject());
    String v1 = server.encrypt("k", "x");
    server.post("/v1/transit/keys/k/rotate", new JsonObject());
    server.post("/v1/transit/keys/k/rotate", new JsonObject());
    assertEquals(
        400,
        server
            .post("/v1/transit/keys/k/trim", new JsonObject().put("min_available_version", 2))
            .status());
    server.post("/v1/transit/keys/k/config", new JsonObject().put("min_decryption_version", 2));
    Response trimmed =
        server.post("/v1/transit/keys/k/trim", new JsonObject().put("min_available_version", 2));
    assertEquals(200, trimmed.status(), trimmed.body().encode());
    assertEquals(2, trimmed.data().getInteger("min_available_version"));
    assertEquals(
        List.of("2", "3"),
        List.copyOf(trimmed.data().getJsonObject("keys").fieldNames()).stream().sorted().toList());
    server.post("/v1/transit/keys/k/config", new JsonObject().put("min_decryption_version", 1));
    assertEquals(
        400, server.post("/v1/transit/decrypt/k", new JsonObject().put("ciphertext", v1)).status());
    Response hmacOld =
        server.post(
            "/v1/transit/hmac/k",
            new JsonObject().put("input", TransitHttpHarness.b64("x")).put("key_version", 1));
    assertEquals(List.of("requested version 1 was trimmed"), hmacOld.errors());
  }

  @Test
  void config_nullFields_leaveSettingsAsTheyAre() {
    server.post("/v1/transit/keys/k", new JsonObject());
    server.post("/v1/transit/keys/k/rotate", new JsonObject());
    server.post("/v1/transit/keys/k/config", new JsonObject().put("min_decryption_version", 2));
    Response r =
        server.post(
            "/v1/transit/keys/k/config",
            new JsonObject()
                .put("deletion_allowed", true)
                .putNull("min_decryption_version")
                .putNull("min_encryption_version"));
    assertEquals(200, r.status(), r.body().encode());
    assertEquals(2, r.data().getInteger("min_decryption_version"));
    assertTrue(r.data().getBoolean("deletion_allowed"));
  }

  @Test
  void config_badValues_return400AndChangeNothing() {
    server.post("/v1/transit/keys/k", new JsonObject());
    Map<String, String> before = server.storedEntries();
    assertEquals(
        400,
        server
            .post("/v1/transit/keys/k/config", new JsonObject().put("min_decryption_version", 5))
            .status());
    assertEquals(
        400,
        server
            .post("/v1/transit/keys/k/config", new JsonObject().put("auto_rotate_period", "10m"))
            .status());
    assertEquals(
        400,
        server
            .post("/v1/transit/keys/k/config", new JsonObject().put("min_encryption_version", "x"))
            .status());
    assertEquals(400, server.post("/v1/transit/keys/nosuch/config", new JsonObject()).status());
    assertEquals(400, server.post("/v1/transit/keys/nosuch/rotate", new JsonObject()).status());
    assertEquals(
        400,
        server
            .post("/v1/transit/keys/k2", new JsonObject().put("convergent_encryption", true))
            .status());
    assertEquals(
        400,
        server
            .post(
                "/v1/transit/keys/k2", new JsonObject().put("type", "ed25519").put("derived", true))
            .status());
    assertEquals(before, server.storedEntries());
  }

  @Test
  void encrypt_minEncryptionVersion_refusesOlderKeyVersion() {
    server.post("/v1/transit/keys/k", new JsonObject());
    server.post("/v1/transit/keys/k/rotate", new JsonObject());
    server.post(
        "/v1/transit/keys/k/config",
        new JsonObject().put("min_encryption_version", 2).put("min_decryption_version", 2));
    Response r =
        server.post(
            "/v1/transit/encrypt/k",
            new JsonObject().put("plaintext", TransitHttpHarness.b64("x")).put("key_version", 1));
    assertEquals(400, r.status());
    assertEquals(
        200,
        server
            .post(
                "/v1/transit/encrypt/k",
                new JsonObject()
                    .put("plaintext", TransitHttpHarness.b64("x"))
                    .put("key_version", 2))
            .status());
  }

  @Test
  void request_withoutToken_isDenied() {
    assertEquals(403, noToken());
  }

  private int noToken() {
    return server.getWithoutToken("/v1/transit/keys/k");
  }
}
