package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.engine.transit.TransitRequests.b64;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.testing.PipelineHarness.Response;

class TransitSignIT extends ServedTransit {

  private Response sign(String key, JsonObject body) {
    return server.post("transit/sign/" + key, body);
  }

  private boolean verify(String key, JsonObject body) {
    Response r = server.post("transit/verify/" + key, body);
    assertEquals(200, r.status(), r.body().encode());
    return r.data().getBoolean("valid");
  }

  @Test
  void signVerify_eachSignatureType_acceptsOwnSignatureOnly() {
    List<JsonObject> variants =
        List.of(
            new JsonObject().put("type", "ecdsa-p256"),
            new JsonObject().put("type", "ecdsa-p256").put("marshaling_algorithm", "jws"),
            new JsonObject().put("type", "ed25519"),
            new JsonObject().put("type", "rsa-2048"),
            new JsonObject().put("type", "rsa-2048").put("signature_algorithm", "pkcs1v15"),
            new JsonObject().put("type", "ecdsa-p256").put("hash_algorithm", "sha2-384"));
    int n = 0;
    for (JsonObject v : variants) {
      String name = "k" + n++;
      assertEquals(
          200,
          server
              .post("transit/keys/" + name, new JsonObject().put("type", v.getString("type")))
              .status());
      JsonObject req = v.copy();
      req.remove("type");
      req.put("input", b64("config blob"));
      Response signed = sign(name, req);
      assertEquals(200, signed.status(), signed.body().encode());
      String sig = signed.data().getString("signature");
      assertTrue(sig.startsWith("vault:v1:"), sig);
      assertTrue(verify(name, req.copy().put("signature", sig)), v.encode());
      assertFalse(
          verify(name, req.copy().put("signature", sig).put("input", b64("other"))), v.encode());
    }
  }

  @Test
  void sign_ecdsaSignature_verifiesWithPublishedPublicKey() throws Exception {
    server.post("transit/keys/ec", new JsonObject().put("type", "ecdsa-p256"));
    Response key = server.get("transit/keys/ec");
    String pem = key.data().getJsonObject("keys").getJsonObject("1").getString("public_key");
    byte[] der =
        Base64.getMimeDecoder()
            .decode(
                pem.replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", ""));
    PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    String sig = sign("ec", new JsonObject().put("input", b64("m"))).data().getString("signature");
    Signature jdk = Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(pub);
    jdk.update("m".getBytes());
    assertTrue(jdk.verify(Base64.getDecoder().decode(sig.substring(9))));
  }

  @Test
  void sign_withAesKey_returns400() {
    server.post("transit/keys/aes", new JsonObject());
    Response r = sign("aes", new JsonObject().put("input", b64("m")));
    assertEquals(400, r.status());
    assertEquals(List.of("key type aes256-gcm96 does not support signing"), r.errors());
  }

  @Test
  void hmac_hmacKey_matchesJdkAndVerifies() throws Exception {
    server.post("transit/keys/mac", new JsonObject().put("type", "hmac"));
    Response r = server.post("transit/hmac/mac/sha2-512", new JsonObject().put("input", b64("m")));
    assertEquals(200, r.status(), r.body().encode());
    String hmac = r.data().getString("hmac");
    assertTrue(hmac.startsWith("vault:v1:"));
    assertEquals(64, Base64.getDecoder().decode(hmac.substring(9)).length);
    assertTrue(verify("mac/sha2-512", new JsonObject().put("input", b64("m")).put("hmac", hmac)));
    assertFalse(verify("mac/sha2-512", new JsonObject().put("input", b64("n")).put("hmac", hmac)));
    assertFalse(verify("mac", new JsonObject().put("input", b64("m")).put("hmac", hmac)));
  }

  @Test
  void hmac_batch_keepsOrderAndFailsBadItem() {
    server.post("transit/keys/aes", new JsonObject());
    JsonArray items =
        new JsonArray()
            .add(new JsonObject().put("input", b64("a")).put("reference", "1"))
            .add(new JsonObject().put("input", "@@").put("reference", "2"));
    Response r = server.post("transit/hmac/aes", new JsonObject().put("batch_input", items));
    assertEquals(400, r.status());
    JsonArray results = r.data().getJsonArray("batch_results");
    assertTrue(results.getJsonObject(0).getString("hmac").startsWith("vault:v1:"));
    assertEquals("field 'input' must be valid base64", results.getJsonObject(1).getString("error"));
  }

  @Test
  void hash_andRandom_answerInRequestedFormat() throws Exception {
    Response hash = server.post("transit/hash/sha2-256", new JsonObject().put("input", b64("abc")));
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("abc".getBytes())),
        hash.data().getString("sum"));
    Response b64sum =
        server.post(
            "transit/hash",
            new JsonObject()
                .put("input", b64("abc"))
                .put("algorithm", "sha2-512")
                .put("format", "base64"));
    assertEquals(64, Base64.getDecoder().decode(b64sum.data().getString("sum")).length);
    Response random = server.post("transit/random/16", new JsonObject().put("format", "hex"));
    assertEquals(32, random.data().getString("random_bytes").length());
    assertEquals(
        32,
        Base64.getDecoder()
            .decode(
                server.post("transit/random", new JsonObject()).data().getString("random_bytes"))
            .length);
    assertEquals(400, server.post("transit/random/0", new JsonObject()).status());
    assertEquals(
        400, server.post("transit/hash/md5", new JsonObject().put("input", b64("a"))).status());
  }
}
