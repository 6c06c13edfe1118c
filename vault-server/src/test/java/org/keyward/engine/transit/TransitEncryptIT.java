package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.engine.transit.TransitRequests.b64;
import static org.keyward.engine.transit.TransitRequests.unb64;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keyward.testing.PipelineHarness.Response;

class TransitEncryptIT extends ServedTransit {

  private Response decrypt(String name, JsonObject body) {
    return server.post("transit/decrypt/" + name, body);
  }

  @Test
  void encryptDecrypt_eachAeadType_roundTripsInVaultForm() {
    for (String type : List.of("aes256-gcm96", "aes128-gcm96", "chacha20-poly1305")) {
      createKey(type, new JsonObject().put("type", type));
      String ct = TransitRequests.encrypt(server, type, "serial OLT-17");
      assertTrue(ct.startsWith("vault:v1:"), ct);
      byte[] payload = Base64.getDecoder().decode(ct.substring("vault:v1:".length()));
      assertEquals(12 + "serial OLT-17".length() + 16, payload.length);
      Response r = decrypt(type, new JsonObject().put("ciphertext", ct));
      assertEquals(200, r.status(), r.body().encode());
      assertEquals("serial OLT-17", unb64(r.data().getString("plaintext")));
    }
  }

  @Test
  void encrypt_missingKey_upsertsAes256Key() {
    String ct = TransitRequests.encrypt(server, "fresh", "x");
    assertTrue(ct.startsWith("vault:v1:"));
    Response key = server.get("transit/keys/fresh");
    assertEquals("aes256-gcm96", key.data().getString("type"));
  }

  @Test
  void decrypt_afterRotate_opensOldCiphertextAndRewrapMovesIt() {
    createKey("orders", new JsonObject());
    String v1 = TransitRequests.encrypt(server, "orders", "old");
    assertEquals(200, server.post("transit/keys/orders/rotate", new JsonObject()).status());
    String v2 = TransitRequests.encrypt(server, "orders", "new");
    assertTrue(v2.startsWith("vault:v2:"), v2);
    assertEquals(
        "old",
        unb64(
            decrypt("orders", new JsonObject().put("ciphertext", v1))
                .data()
                .getString("plaintext")));
    Response rewrap = server.post("transit/rewrap/orders", new JsonObject().put("ciphertext", v1));
    assertEquals(200, rewrap.status());
    String moved = rewrap.data().getString("ciphertext");
    assertTrue(moved.startsWith("vault:v2:"), moved);
    assertEquals(
        "old",
        unb64(
            decrypt("orders", new JsonObject().put("ciphertext", moved))
                .data()
                .getString("plaintext")));
  }

  @Test
  void decrypt_belowMinDecryptionVersion_returns400() {
    createKey("orders", new JsonObject());
    String v1 = TransitRequests.encrypt(server, "orders", "old");
    server.post("transit/keys/orders/rotate", new JsonObject());
    Response config =
        server.post(
            "transit/keys/orders/config", new JsonObject().put("min_decryption_version", 2));
    assertEquals(200, config.status(), config.body().encode());
    assertEquals(2, config.data().getInteger("min_decryption_version"));
    Map<String, String> before = storage.rowsAsBase64();
    Response r = decrypt("orders", new JsonObject().put("ciphertext", v1));
    assertEquals(400, r.status());
    assertEquals(
        List.of("ciphertext or signature version is disallowed by policy (too old)"), r.errors());
    assertEquals(before, storage.rowsAsBase64());
  }

  @Test
  void decrypt_versionNewerThanKey_returns400() {
    createKey("orders", new JsonObject());
    server.post("transit/keys/orders/rotate", new JsonObject());
    String v2 = TransitRequests.encrypt(server, "orders", "x");
    Map<String, String> before = storage.rowsAsBase64();
    Response r =
        decrypt("orders", new JsonObject().put("ciphertext", v2.replace("vault:v2:", "vault:v9:")));
    assertEquals(400, r.status());
    assertEquals(List.of("invalid ciphertext: key version 9 does not exist"), r.errors());
    assertEquals(before, storage.rowsAsBase64());
  }

  @Test
  void decrypt_tamperedCiphertext_returns400() {
    createKey("orders", new JsonObject());
    String ct = TransitRequests.encrypt(server, "orders", "secret");
    byte[] payload = Base64.getDecoder().decode(ct.substring(9));
    payload[payload.length - 1] ^= 1;
    Map<String, String> before = storage.rowsAsBase64();
    Response r =
        decrypt(
            "orders",
            new JsonObject()
                .put("ciphertext", "vault:v1:" + Base64.getEncoder().encodeToString(payload)));
    assertEquals(400, r.status());
    assertEquals(List.of("invalid ciphertext: unable to decrypt"), r.errors());
    assertEquals(before, storage.rowsAsBase64());
  }

  @Test
  void badInput_eachCase_returns400WithErrorsAndStoresNothing() {
    createKey("orders", new JsonObject());
    createKey("signer", new JsonObject().put("type", "ed25519"));
    Map<String, String> before = storage.rowsAsBase64();
    Map<String, Response> cases =
        Map.of(
            "invalid base64 plaintext",
            server.post("transit/encrypt/orders", new JsonObject().put("plaintext", "%%%")),
            "invalid base64 ciphertext",
            decrypt("orders", new JsonObject().put("ciphertext", "vault:v1:%%%")),
            "missing key",
            decrypt("nosuch", new JsonObject().put("ciphertext", "vault:v1:AAAA")),
            "wrong key type",
            server.post("transit/encrypt/signer", new JsonObject().put("plaintext", b64("x"))),
            "no prefix",
            decrypt("orders", new JsonObject().put("ciphertext", "AAAA")),
            "missing ciphertext",
            decrypt("orders", new JsonObject()),
            "bad key type on create",
            server.post("transit/keys/other", new JsonObject().put("type", "rot13")));
    cases.forEach(
        (what, r) -> {
          assertEquals(400, r.status(), what + ": " + r.body().encode());
          assertFalse(r.errors().isEmpty(), what);
        });
    assertEquals(before, storage.rowsAsBase64());
  }

  @Test
  void encrypt_withAssociatedData_needsSameDataToDecrypt() {
    createKey("orders", new JsonObject());
    Response enc =
        server.post(
            "transit/encrypt/orders",
            new JsonObject().put("plaintext", b64("p")).put("associated_data", b64("olt-1")));
    String ct = enc.data().getString("ciphertext");
    assertEquals(
        200,
        decrypt(
                "orders",
                new JsonObject().put("ciphertext", ct).put("associated_data", b64("olt-1")))
            .status());
    assertEquals(
        400,
        decrypt(
                "orders",
                new JsonObject().put("ciphertext", ct).put("associated_data", b64("olt-2")))
            .status());
  }

  @Test
  void encrypt_convergentDerivedKey_equalInputsGiveEqualCiphertexts() {
    createKey("serials", new JsonObject().put("derived", true).put("convergent_encryption", true));
    JsonObject req = new JsonObject().put("plaintext", b64("SN-0042")).put("context", b64("olt"));
    String a = server.post("transit/encrypt/serials", req).data().getString("ciphertext");
    String b = server.post("transit/encrypt/serials", req).data().getString("ciphertext");
    assertEquals(a, b);
    String other =
        server
            .post("transit/encrypt/serials", req.copy().put("context", b64("onu")))
            .data()
            .getString("ciphertext");
    assertNotEquals(a, other);
    Response dec =
        decrypt("serials", new JsonObject().put("ciphertext", a).put("context", b64("olt")));
    assertEquals("SN-0042", unb64(dec.data().getString("plaintext")));
    assertEquals(400, decrypt("serials", new JsonObject().put("ciphertext", a)).status());
    assertEquals(
        400,
        decrypt("serials", new JsonObject().put("ciphertext", a).put("context", b64("onu")))
            .status());
  }

  @Test
  void encrypt_derivedNotConvergent_givesFreshCiphertexts() {
    createKey("derived", new JsonObject().put("derived", true));
    JsonObject req = new JsonObject().put("plaintext", b64("x")).put("context", b64("c"));
    assertNotEquals(
        server.post("transit/encrypt/derived", req).data().getString("ciphertext"),
        server.post("transit/encrypt/derived", req).data().getString("ciphertext"));
  }

  @Test
  void batch_withOneBadItem_failsThatItemOnlyInOrder() {
    createKey("orders", new JsonObject());
    JsonArray items =
        new JsonArray()
            .add(new JsonObject().put("plaintext", b64("a")).put("reference", "olt-1"))
            .add(new JsonObject().put("plaintext", "not base64!").put("reference", "olt-2"))
            .add(new JsonObject().put("plaintext", b64("c")).put("reference", "olt-3"));
    Response r = server.post("transit/encrypt/orders", new JsonObject().put("batch_input", items));
    assertEquals(400, r.status());
    JsonArray results = r.data().getJsonArray("batch_results");
    assertEquals(3, results.size());
    assertEquals("olt-1", results.getJsonObject(0).getString("reference"));
    assertEquals("olt-2", results.getJsonObject(1).getString("reference"));
    assertEquals(
        "field 'plaintext' must be valid base64", results.getJsonObject(1).getString("error"));
    assertEquals("olt-3", results.getJsonObject(2).getString("reference"));
    JsonArray decryptItems =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("ciphertext", results.getJsonObject(0).getString("ciphertext")))
            .add(
                new JsonObject()
                    .put("ciphertext", results.getJsonObject(2).getString("ciphertext")));
    Response dec = decrypt("orders", new JsonObject().put("batch_input", decryptItems));
    assertEquals(200, dec.status());
    assertEquals(
        "c",
        unb64(dec.data().getJsonArray("batch_results").getJsonObject(1).getString("plaintext")));
  }

  @Test
  void batch_largerThanOneChunk_keepsOrderReferencesAndItsOneError() {
    createKey("bulk", new JsonObject());
    int n = BatchResults.CHUNK_ITEMS * 2 + 17;
    int bad = BatchResults.CHUNK_ITEMS + 3;
    JsonArray items = new JsonArray();
    for (int i = 0; i < n; i++) {
      items.add(
          new JsonObject()
              .put("plaintext", i == bad ? "not base64!" : b64("item-" + i))
              .put("reference", "r" + i));
    }
    Response enc =
        server.post(
            "transit/encrypt/bulk",
            new JsonObject().put("batch_input", items).put("partial_failure_response_code", 207));
    assertEquals(207, enc.status());
    JsonArray results = enc.data().getJsonArray("batch_results");
    assertEquals(n, results.size());
    JsonArray decryptItems = new JsonArray();
    for (int i = 0; i < n; i++) {
      JsonObject result = results.getJsonObject(i);
      assertEquals("r" + i, result.getString("reference"));
      assertEquals(i == bad, result.containsKey("error"), result.encode());
      if (i != bad) {
        decryptItems.add(new JsonObject().put("ciphertext", result.getString("ciphertext")));
      }
    }
    Response dec = decrypt("bulk", new JsonObject().put("batch_input", decryptItems));
    assertEquals(200, dec.status());
    JsonArray plaintexts = dec.data().getJsonArray("batch_results");
    assertEquals(n - 1, plaintexts.size());
    assertEquals("item-0", unb64(plaintexts.getJsonObject(0).getString("plaintext")));
    assertEquals("item-" + (n - 1), unb64(plaintexts.getJsonObject(n - 2).getString("plaintext")));
  }

  @Test
  void batch_largerThanOneChunk_countsEveryItemTowardsTheUseLimit() {
    server.close();
    int limit = BatchResults.CHUNK_ITEMS * 2;
    server = TransitRequests.serve(storage, limit);
    createKey("busy", new JsonObject());
    JsonArray items = new JsonArray();
    for (int i = 0; i < limit; i++) {
      items.add(new JsonObject().put("plaintext", b64("x" + i)));
    }
    Response r = server.post("transit/encrypt/busy", new JsonObject().put("batch_input", items));
    assertEquals(200, r.status());
    assertTrue(
        r.data()
            .getJsonArray("batch_results")
            .getJsonObject(limit - 1)
            .getString("ciphertext")
            .startsWith("vault:v1:"));
    String after = TransitRequests.encrypt(server, "busy", "y");
    assertTrue(after.startsWith("vault:v2:"), after);
  }

  @Test
  void batch_partialFailureCode_isUsedWhenSomeSucceed() {
    createKey("orders", new JsonObject());
    JsonArray items =
        new JsonArray()
            .add(new JsonObject().put("plaintext", b64("a")))
            .add(new JsonObject().put("plaintext", "!"));
    Response r =
        server.post(
            "transit/encrypt/orders",
            new JsonObject().put("batch_input", items).put("partial_failure_response_code", 207));
    assertEquals(207, r.status());
  }

  @Test
  void datakey_plaintextAndWrapped_decryptToTheDataKey() {
    createKey("dek", new JsonObject());
    Response plain =
        server.post("transit/datakey/plaintext/dek", new JsonObject().put("bits", 512));
    assertEquals(200, plain.status(), plain.body().encode());
    String key = plain.data().getString("plaintext");
    assertEquals(64, Base64.getDecoder().decode(key).length);
    Response dec =
        decrypt("dek", new JsonObject().put("ciphertext", plain.data().getString("ciphertext")));
    assertEquals(key, dec.data().getString("plaintext"));
    Response wrapped = server.post("transit/datakey/wrapped/dek", new JsonObject());
    assertFalse(wrapped.data().containsKey("plaintext"));
    assertEquals(
        32,
        Base64.getDecoder()
            .decode(
                decrypt(
                        "dek",
                        new JsonObject().put("ciphertext", wrapped.data().getString("ciphertext")))
                    .data()
                    .getString("plaintext"))
            .length);
    assertEquals(
        400,
        server.post("transit/datakey/plaintext/dek", new JsonObject().put("bits", 100)).status());
    assertEquals(400, server.post("transit/datakey/other/dek", new JsonObject()).status());
  }

  @Test
  void encrypt_pastUseLimit_rotatesKeyByItself() {
    server.close();
    server = TransitRequests.serve(storage, 3);
    createKey("busy", new JsonObject());
    for (int i = 0; i < 3; i++) {
      TransitRequests.encrypt(server, "busy", "x" + i);
    }
    String after = TransitRequests.encrypt(server, "busy", "y");
    assertTrue(after.startsWith("vault:v2:"), after);
  }
}
