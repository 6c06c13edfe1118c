package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.keyward.testing.PipelineHarness.Response;

/** {@code export}, {@code backup} and {@code restore} through the real pipeline. */
class TransitBackupIT extends ServedTransit {

  private void create(String name, String type, boolean exportable, boolean backup) {
    Response r =
        server.post(
            "transit/keys/" + name,
            new JsonObject()
                .put("type", type)
                .put("exportable", exportable)
                .put("allow_plaintext_backup", backup));
    assertEquals(200, r.status(), r.body().encode());
  }

  private String decrypt(String name, String ciphertext) {
    Response r =
        server.post("transit/decrypt/" + name, new JsonObject().put("ciphertext", ciphertext));
    assertEquals(200, r.status(), r.body().encode());
    return TransitRequests.unb64(r.data().getString("plaintext"));
  }

  private String backup(String name) {
    Response r = server.get("transit/backup/" + name);
    assertEquals(200, r.status(), r.body().encode());
    return r.data().getString("backup");
  }

  private static PemObject pem(String text) throws Exception {
    try (PemReader reader = new PemReader(new java.io.StringReader(text))) {
      return reader.readPemObject();
    }
  }

  @Test
  void exportEncryptionKey_exportableAesKey_opensTheServersCiphertext() throws Exception {
    create("params", "aes256-gcm96", true, false);
    String ciphertext = TransitRequests.encrypt(server, "params", "radius-secret");

    Response r = server.get("transit/export/encryption-key/params");

    assertEquals(200, r.status(), r.body().encode());
    assertEquals("params", r.data().getString("name"));
    assertEquals("aes256-gcm96", r.data().getString("type"));
    byte[] key = Base64.getDecoder().decode(r.data().getJsonObject("keys").getString("1"));
    byte[] payload = Base64.getDecoder().decode(ciphertext.substring("vault:v1:".length()));
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(128, payload, 0, 12));
    byte[] plain = gcm.doFinal(payload, 12, payload.length - 12);
    assertEquals("radius-secret", new String(plain, StandardCharsets.UTF_8));
  }

  @Test
  void export_nonExportableKey_refusesPrivateButGivesPublic() throws Exception {
    create("signer", "ecdsa-p256", false, false);

    Response privateKey = server.get("transit/export/signing-key/signer");
    Response hmacKey = server.get("transit/export/hmac-key/signer");
    Response publicKey = server.get("transit/export/public-key/signer/1");

    assertEquals(400, privateKey.status());
    assertEquals(List.of("private key material is not exportable"), privateKey.errors());
    assertEquals(400, hmacKey.status());
    assertEquals(200, publicKey.status(), publicKey.body().encode());
    String pem = publicKey.data().getJsonObject("keys").getString("1");
    assertEquals("PUBLIC KEY", pem(pem).getType());
  }

  @Test
  void exportSigningKey_ed25519_signsWhatTheServerVerifies() throws Exception {
    create("ed", "ed25519", true, false);

    Response r = server.get("transit/export/signing-key/ed/latest");

    assertEquals(200, r.status(), r.body().encode());
    byte[] both = Base64.getDecoder().decode(r.data().getJsonObject("keys").getString("1"));
    assertEquals(64, both.length);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(both, 0));
    byte[] message = "cell 7".getBytes(StandardCharsets.UTF_8);
    signer.update(message, 0, message.length);
    String signature = "vault:v1:" + Base64.getEncoder().encodeToString(signer.generateSignature());
    Response verified =
        server.post(
            "transit/verify/ed",
            new JsonObject()
                .put("input", Base64.getEncoder().encodeToString(message))
                .put("signature", signature));
    assertEquals(true, verified.data().getBoolean("valid"), verified.body().encode());
  }

  @Test
  void exportSigningAndEncryptionKey_rsaAndEcdsa_arePkcs1AndSec1Pem() throws Exception {
    create("rsa", "rsa-2048", true, false);
    create("ec", "ecdsa-p256", true, false);

    String rsa =
        server
            .get("transit/export/encryption-key/rsa/v1")
            .data()
            .getJsonObject("keys")
            .getString("1");
    String ec =
        server.get("transit/export/signing-key/ec").data().getJsonObject("keys").getString("1");
    Response aeadAsSigning =
        server.post("transit/keys/aes", new JsonObject().put("exportable", true));
    Response refused = server.get("transit/export/signing-key/aes");

    PemObject rsaPem = pem(rsa);
    assertEquals("RSA PRIVATE KEY", rsaPem.getType());
    assertEquals(2048, RSAPrivateKey.getInstance(rsaPem.getContent()).getModulus().bitLength());
    PemObject ecPem = pem(ec);
    assertEquals("EC PRIVATE KEY", ecPem.getType());
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(ecPem.getContent());
    assertTrue(sec1.getPublicKey() != null && sec1.getParametersObject() != null);
    assertEquals(200, aeadAsSigning.status());
    assertEquals(List.of("signing not supported for the key"), refused.errors());
  }

  @Test
  void exportHmacKey_computesTheServersHmac() throws Exception {
    create("mac", "aes256-gcm96", true, false);
    String input = TransitRequests.b64("serial 42");
    String served =
        server
            .post("transit/hmac/mac", new JsonObject().put("input", input))
            .data()
            .getString("hmac");

    String exported =
        server.get("transit/export/hmac-key/mac/1").data().getJsonObject("keys").getString("1");

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(exported), "HmacSHA256"));
    byte[] local = mac.doFinal("serial 42".getBytes(StandardCharsets.UTF_8));
    assertEquals("vault:v1:" + Base64.getEncoder().encodeToString(local), served);
  }

  @Test
  void export_badTypeVersionOrKey_isRefused() {
    create("v", "aes256-gcm96", true, false);
    server.post("transit/keys/v/rotate", new JsonObject());
    server.post("transit/keys/v/config", new JsonObject().put("min_decryption_version", 2));

    assertEquals(400, server.get("transit/export/private-key/v").status());
    assertEquals(400, server.get("transit/export/encryption-key/v/abc").status());
    assertEquals(400, server.get("transit/export/encryption-key/v/9").status());
    assertEquals(
        List.of("version for export is below minimum decryption version"),
        server.get("transit/export/encryption-key/v/1").errors());
    assertEquals(404, server.get("transit/export/encryption-key/nothing").status());
    Response all = server.get("transit/export/encryption-key/v");
    assertEquals(
        java.util.Set.of("2"),
        all.data().getJsonObject("keys").fieldNames(),
        "every version still allowed to decrypt, as Vault (older ones are archived there)");
  }

  @Test
  void backup_withoutPlaintextBackupOrExportable_isRefused() {
    create("no-backup", "aes256-gcm96", true, false);
    create("no-export", "aes256-gcm96", false, false);

    Response noBackup = server.get("transit/backup/no-backup");
    Response noExport = server.get("transit/backup/no-export");

    assertEquals(400, noBackup.status());
    assertEquals(List.of("plaintext backup is disallowed on the policy"), noBackup.errors());
    assertEquals(400, noExport.status());
    assertEquals(List.of("exporting is disallowed on the policy"), noExport.errors());
    assertEquals(404, server.get("transit/backup/absent").status());
  }

  @Test
  void backupDeleteRestore_keyComesBackWithItsVersionsAndSettings() {
    create("olt", "aes256-gcm96", true, true);
    String v1 = TransitRequests.encrypt(server, "olt", "first");
    server.post("transit/keys/olt/rotate", new JsonObject());
    String v2 = TransitRequests.encrypt(server, "olt", "second");
    server.post("transit/keys/olt/config", new JsonObject().put("deletion_allowed", true));
    JsonObject before = server.get("transit/keys/olt").data();
    String blob = backup("olt");
    assertEquals(204, server.delete("transit/keys/olt").status());

    Response restored = server.post("transit/restore", new JsonObject().put("backup", blob));

    assertEquals(204, restored.status(), restored.body().encode());
    assertEquals(before, server.get("transit/keys/olt").data());
    assertEquals("first", decrypt("olt", v1));
    assertEquals("second", decrypt("olt", v2));
  }

  @Test
  void restore_underNewName_decryptsTheOriginalsCiphertext() {
    create("orig", "aes256-gcm96", true, true);
    String ct = TransitRequests.encrypt(server, "orig", "payload");

    Response restored =
        server.post("transit/restore/copy", new JsonObject().put("backup", backup("orig")));

    assertEquals(204, restored.status(), restored.body().encode());
    assertEquals("copy", server.get("transit/keys/copy").data().getString("name"));
    assertEquals("payload", decrypt("copy", ct));
  }

  @Test
  void restore_ontoExistingKey_isRefusedUnlessForced() {
    create("a", "aes256-gcm96", true, true);
    create("b", "aes256-gcm96", true, true);
    String aText = TransitRequests.encrypt(server, "a", "from a");
    String blobA = backup("a");
    Map<String, String> stored = storage.rowsAsBase64();

    Response refused = server.post("transit/restore/b", new JsonObject().put("backup", blobA));

    assertEquals(400, refused.status());
    assertEquals(List.of("key \"b\" already exists"), refused.errors());
    assertEquals(stored, storage.rowsAsBase64(), "a refused restore changes nothing");
    Response forced =
        server.post("transit/restore/b", new JsonObject().put("backup", blobA).put("force", true));
    assertEquals(204, forced.status(), forced.body().encode());
    assertEquals("from a", decrypt("b", aText));
  }

  @Test
  void restore_badBlobs_areRefusedAndChangeNothing() {
    create("good", "aes256-gcm96", true, true);
    JsonObject outer =
        new JsonObject(
            new String(Base64.getDecoder().decode(backup("good")), StandardCharsets.UTF_8));
    JsonObject shortKey = outer.copy();
    shortKey
        .getJsonObject("key")
        .getJsonObject("versions")
        .getJsonObject("1")
        .put("key", Base64.getEncoder().encodeToString(new byte[5]));
    JsonObject badVersions = outer.copy();
    badVersions.getJsonObject("key").put("latest_version", 7);
    JsonObject hsmType = outer.copy();
    hsmType.getJsonObject("key").put("type", "hsm-aes256-gcm");
    JsonObject otherFormat = outer.copy().put("format", "vault");
    Map<String, String> stored = storage.rowsAsBase64();

    for (String blob :
        List.of(
            "not base64 at all!",
            Base64.getEncoder().encodeToString("{not json".getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)),
            b64(otherFormat),
            b64(shortKey),
            b64(badVersions),
            b64(hsmType))) {
      Response r = server.post("transit/restore/other", new JsonObject().put("backup", blob));
      assertEquals(400, r.status(), blob + " -> " + r.body().encode());
      assertTrue(r.errors().get(0).startsWith("invalid backup: "), r.errors().toString());
    }
    Response missing = server.post("transit/restore", new JsonObject());

    assertEquals(400, missing.status());
    assertEquals(List.of("'backup' must be supplied"), missing.errors());
    assertEquals(stored, storage.rowsAsBase64(), "no refused restore stored anything");
    assertEquals(404, server.get("transit/keys/other").status());
  }

  private static String b64(JsonObject json) {
    return Base64.getEncoder().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void backupThenRestore_everySoftwareKeyType_givesTheSameKey() {
    for (KeyType type : KeyType.values()) {
      if (type.isHsmResident()) {
        continue;
      }
      String name = "t-" + type.wireName();
      create(name, type.wireName(), true, true);

      Response restored =
          server.post(
              "transit/restore/" + name + "-copy", new JsonObject().put("backup", backup(name)));

      assertEquals(204, restored.status(), type + ": " + restored.body().encode());
      JsonObject original = server.get("transit/keys/" + name).data();
      JsonObject copy = server.get("transit/keys/" + name + "-copy").data();
      assertEquals(original.put("name", "x"), copy.put("name", "x"), type.wireName());
      assertEquals(
          server.get("transit/export/hmac-key/" + name).data().getJsonObject("keys"),
          server.get("transit/export/hmac-key/" + name + "-copy").data().getJsonObject("keys"),
          type.wireName());
    }
  }
}
