package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keyward.testing.PipelineHarness.Response;

class TransitKeysIT extends ServedTransit {

  @Test
  void createReadListDelete_keyLifecycle_followsVault() {
    Response created =
        server.post(
            "transit/keys/device-params", new JsonObject().put("auto_rotate_period", "2160h"));
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
    assertEquals(data, server.get("transit/keys/device-params").data());
    assertEquals(
        new JsonArray().add("device-params"),
        server.list("transit/keys").data().getJsonArray("keys"));

    Response refused = server.delete("transit/keys/device-params");
    assertEquals(400, refused.status());
    assertEquals(List.of("deletion is not allowed for this key"), refused.errors());
    server.post(
        "transit/keys/device-params/config", new JsonObject().put("deletion_allowed", true));
    assertEquals(204, server.delete("transit/keys/device-params").status());
    assertEquals(404, server.get("transit/keys/device-params").status());
    assertEquals(404, server.list("transit/keys").status());
  }

  @Test
  void create_existingKey_keepsItsMaterial() {
    server.post("transit/keys/k", new JsonObject());
    String ct = TransitRequests.encrypt(server, "k", "x");
    server.post("transit/keys/k", new JsonObject().put("type", "chacha20-poly1305"));
    assertEquals("aes256-gcm96", server.get("transit/keys/k").data().getString("type"));
    assertEquals(
        200, server.post("transit/decrypt/k", new JsonObject().put("ciphertext", ct)).status());
  }

  @Test
  void read_asymmetricKey_showsPublicKeysPerVersion() {
    server.post("transit/keys/ed", new JsonObject().put("type", "ed25519"));
    server.post("transit/keys/ed/rotate", new JsonObject());
    JsonObject keys = server.get("transit/keys/ed").data().getJsonObject("keys");
    assertEquals(2, keys.size());
    JsonObject v2 = keys.getJsonObject("2");
    assertEquals(32, java.util.Base64.getDecoder().decode(v2.getString("public_key")).length);
    assertTrue(v2.containsKey("creation_time"));
  }

  @Test
  void trim_belowMinDecryption_removesOldVersions() {
    server.post("transit/keys/k", new JsonObject());
    String v1 = TransitRequests.encrypt(server, "k", "x");
    server.post("transit/keys/k/rotate", new JsonObject());
    server.post("transit/keys/k/rotate", new JsonObject());
    assertEquals(
        400,
        server
            .post("transit/keys/k/trim", new JsonObject().put("min_available_version", 2))
            .status());
    server.post("transit/keys/k/config", new JsonObject().put("min_decryption_version", 2));
    Response trimmed =
        server.post("transit/keys/k/trim", new JsonObject().put("min_available_version", 2));
    assertEquals(200, trimmed.status(), trimmed.body().encode());
    assertEquals(2, trimmed.data().getInteger("min_available_version"));
    assertEquals(
        List.of("2", "3"),
        List.copyOf(trimmed.data().getJsonObject("keys").fieldNames()).stream().sorted().toList());
    server.post("transit/keys/k/config", new JsonObject().put("min_decryption_version", 1));
    assertEquals(
        400, server.post("transit/decrypt/k", new JsonObject().put("ciphertext", v1)).status());
    Response hmacOld =
        server.post(
            "transit/hmac/k",
            new JsonObject().put("input", TransitRequests.b64("x")).put("key_version", 1));
    assertEquals(List.of("requested version 1 was trimmed"), hmacOld.errors());
  }

  @Test
  void config_nullFields_leaveSettingsAsTheyAre() {
    server.post("transit/keys/k", new JsonObject());
    server.post("transit/keys/k/rotate", new JsonObject());
    server.post("transit/keys/k/config", new JsonObject().put("min_decryption_version", 2));
    Response r =
        server.post(
            "transit/keys/k/config",
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
    server.post("transit/keys/k", new JsonObject());
    Map<String, String> before = storage.rowsAsBase64();
    assertEquals(
        400,
        server
            .post("transit/keys/k/config", new JsonObject().put("min_decryption_version", 5))
            .status());
    assertEquals(
        400,
        server
            .post("transit/keys/k/config", new JsonObject().put("auto_rotate_period", "10m"))
            .status());
    assertEquals(
        400,
        server
            .post("transit/keys/k/config", new JsonObject().put("min_encryption_version", "x"))
            .status());
    assertEquals(400, server.post("transit/keys/nosuch/config", new JsonObject()).status());
    assertEquals(400, server.post("transit/keys/nosuch/rotate", new JsonObject()).status());
    assertEquals(
        400,
        server
            .post("transit/keys/k2", new JsonObject().put("convergent_encryption", true))
            .status());
    assertEquals(
        400,
        server
            .post("transit/keys/k2", new JsonObject().put("type", "ed25519").put("derived", true))
            .status());
    assertEquals(before, storage.rowsAsBase64());
  }

  @Test
  void encrypt_minEncryptionVersion_refusesOlderKeyVersion() {
    server.post("transit/keys/k", new JsonObject());
    server.post("transit/keys/k/rotate", new JsonObject());
    server.post(
        "transit/keys/k/config",
        new JsonObject().put("min_encryption_version", 2).put("min_decryption_version", 2));
    Response r =
        server.post(
            "transit/encrypt/k",
            new JsonObject().put("plaintext", TransitRequests.b64("x")).put("key_version", 1));
    assertEquals(400, r.status());
    assertEquals(
        200,
        server
            .post(
                "transit/encrypt/k",
                new JsonObject().put("plaintext", TransitRequests.b64("x")).put("key_version", 2))
            .status());
  }

  @Test
  void request_withoutToken_isDenied() {
    assertEquals(403, noToken());
  }

  private int noToken() {
    return server.send(HttpMethod.GET, "transit/keys/k", null, null).statusCode();
  }
}
