package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.KeyFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.keyward.testing.PipelineHarness.Response;

/** RSA-OAEP (SHA-256, MGF1-SHA-256, no label) encrypt, decrypt and rewrap, as Vault does it. */
class TransitRsaEncryptIT extends ServedTransit {

  private void create(String name, String type) {
    assertEquals(
        200, server.post("transit/keys/" + name, new JsonObject().put("type", type)).status());
  }

  private Response decrypt(String name, String ciphertext) {
    return server.post("transit/decrypt/" + name, new JsonObject().put("ciphertext", ciphertext));
  }

  @Test
  void encryptThenDecrypt_rsa2048And3072_roundTrip() {
    for (String type : List.of("rsa-2048", "rsa-3072")) {
      create(type, type);

      String ct = TransitRequests.encrypt(server, type, "enable-secret");
      Response opened = decrypt(type, ct);

      assertTrue(ct.startsWith("vault:v1:"), ct);
      assertEquals(200, opened.status(), opened.body().encode());
      assertEquals("enable-secret", TransitRequests.unb64(opened.data().getString("plaintext")));
      assertEquals(
          true, server.get("transit/keys/" + type).data().getBoolean("supports_decryption"));
    }
  }

  @Test
  void decrypt_ciphertextMadeWithThePublicKeyElsewhere_opens() throws Exception {
    create("pub", "rsa-2048");
    String pem =
        server
            .get("transit/keys/pub")
            .data()
            .getJsonObject("keys")
            .getJsonObject("1")
            .getString("public_key");
    byte[] der =
        Base64.getMimeDecoder()
            .decode(
                pem.replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", ""));
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.ENCRYPT_MODE,
        KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    String ct =
        "vault:v1:"
            + Base64.getEncoder().encodeToString(oaep.doFinal("made by a client".getBytes()));

    Response opened = decrypt("pub", ct);

    assertEquals(200, opened.status(), opened.body().encode());
    assertEquals("made by a client", TransitRequests.unb64(opened.data().getString("plaintext")));
  }

  @Test
  void rotateThenRewrap_oldCiphertext_movesToTheNewVersion() {
    create("rot", "rsa-2048");
    String v1 = TransitRequests.encrypt(server, "rot", "old");
    server.post("transit/keys/rot/rotate", new JsonObject());

    Response rewrapped = server.post("transit/rewrap/rot", new JsonObject().put("ciphertext", v1));

    assertEquals(200, rewrapped.status(), rewrapped.body().encode());
    String v2 = rewrapped.data().getString("ciphertext");
    assertTrue(v2.startsWith("vault:v2:"), v2);
    assertEquals("old", TransitRequests.unb64(decrypt("rot", v2).data().getString("plaintext")));
    assertEquals("old", TransitRequests.unb64(decrypt("rot", v1).data().getString("plaintext")));
  }

  @Test
  void badInput_isRefusedWith400() {
    create("bad", "rsa-2048");
    String ct = TransitRequests.encrypt(server, "bad", "x");
    String tampered = ct.substring(0, ct.length() - 6) + "AAAAA=";
    String tooLong = Base64.getEncoder().encodeToString(new byte[300]);

    Response tamperedOpen = decrypt("bad", tampered);
    Response longSeal =
        server.post("transit/encrypt/bad", new JsonObject().put("plaintext", tooLong));
    Response aad =
        server.post(
            "transit/encrypt/bad",
            new JsonObject()
                .put("plaintext", TransitRequests.b64("x"))
                .put("associated_data", TransitRequests.b64("y")));
    Response pkcs1 =
        server.post(
            "transit/encrypt/bad",
            new JsonObject()
                .put("plaintext", TransitRequests.b64("x"))
                .put("padding_scheme", "pkcs1v15"));
    Response datakey = server.post("transit/datakey/plaintext/bad", new JsonObject());

    assertEquals(List.of("invalid ciphertext: unable to decrypt"), tamperedOpen.errors());
    assertEquals(400, longSeal.status());
    assertEquals(400, aad.status());
    assertEquals(400, pkcs1.status());
    assertEquals(400, datakey.status());
  }

  @Test
  void batchDecrypt_withOneTamperedItem_othersSucceed() {
    create("batch", "rsa-3072");
    JsonArray items = new JsonArray();
    for (int i = 0; i < 5; i++) {
      items.add(
          new JsonObject()
              .put("ciphertext", TransitRequests.encrypt(server, "batch", "item-" + i)));
    }
    items.add(new JsonObject().put("ciphertext", "vault:v1:AAAA"));

    Response r =
        server.post(
            "transit/decrypt/batch",
            new JsonObject().put("batch_input", items).put("partial_failure_response_code", 207));

    assertEquals(207, r.status(), r.body().encode());
    JsonArray results = r.data().getJsonArray("batch_results");
    for (int i = 0; i < 5; i++) {
      assertEquals(
          "item-" + i, TransitRequests.unb64(results.getJsonObject(i).getString("plaintext")));
    }
    assertEquals(
        "invalid ciphertext: unable to decrypt", results.getJsonObject(5).getString("error"));
  }
}
