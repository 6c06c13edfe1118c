package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.hsm.pkcs11.Pkcs11Inspection;
import org.keyward.hsm.pkcs11.Pkcs11KeyProvider;
import org.keyward.server.VaultTestServer.Response;
import org.xipki.pkcs11.wrapper.AttributeVector;

/**
 * Transit keys of type {@code hsm-aes256-gcm} through the whole server on a real SoftHSM token: the
 * key is a token object that never leaves it, every operation is an HSM call (and software keys
 * make none), versions and deletion map to token objects.
 */
class TransitHsmKeyIT {
  private static final Pattern TRANSIT_LABEL = Pattern.compile("transit-[0-9a-f]{32}-v([0-9]+)");

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

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String unb64(String text) {
    return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
  }

  private Response createHsmKey(String name) {
    return server.post("/v1/transit/keys/" + name, new JsonObject().put("type", "hsm-aes256-gcm"));
  }

  private String encrypt(String name, String plaintext) {
    Response r =
        server.post(
            "/v1/transit/encrypt/" + name, new JsonObject().put("plaintext", b64(plaintext)));
    assertEquals(200, r.status(), r::body);
    return r.data().getString("ciphertext");
  }

  private String decrypt(String name, String ciphertext) {
    Response r =
        server.post("/v1/transit/decrypt/" + name, new JsonObject().put("ciphertext", ciphertext));
    assertEquals(200, r.status(), r::body);
    return unb64(r.data().getString("plaintext"));
  }

  /** Labels of transit objects in the token, read after the server stopped. */
  private List<String> transitLabelsAfterStop() throws Exception {
    server.stop();
    try (Pkcs11KeyProvider inspector = server.token.open()) {
      return Pkcs11Inspection.labels(inspector).stream()
          .filter(l -> l != null && TRANSIT_LABEL.matcher(l).matches())
          .sorted()
          .toList();
    }
  }

  @Test
  void encryptThenDecrypt_hsmKey_roundTripsInVaultFormat() {
    Response created = createHsmKey("olt-params");

    String ciphertext = encrypt("olt-params", "snmp-community=private42");

    assertEquals(200, created.status(), created::body);
    assertEquals("hsm-aes256-gcm", created.data().getString("type"));
    assertEquals(true, created.data().getBoolean("supports_encryption"));
    assertEquals(false, created.data().getBoolean("exportable"));
    assertTrue(ciphertext.startsWith("vault:v1:"), ciphertext);
    assertEquals("snmp-community=private42", decrypt("olt-params", ciphertext));
  }

  @Test
  void batchEncryptDecrypt_withOneBadItem_othersSucceed() {
    createHsmKey("batch");
    JsonArray items = new JsonArray();
    for (int i = 0; i < 20; i++) {
      items.add(new JsonObject().put("plaintext", b64("device-" + i)).put("reference", "r" + i));
    }
    Response sealed =
        server.post("/v1/transit/encrypt/batch", new JsonObject().put("batch_input", items));
    JsonArray results = sealed.data().getJsonArray("batch_results");
    JsonArray toOpen = new JsonArray();
    for (int i = 0; i < results.size(); i++) {
      toOpen.add(
          new JsonObject().put("ciphertext", results.getJsonObject(i).getString("ciphertext")));
    }
    String good = results.getJsonObject(3).getString("ciphertext");
    toOpen.add(new JsonObject().put("ciphertext", good.substring(0, good.length() - 4) + "AAA="));

    Response opened =
        server.post(
            "/v1/transit/decrypt/batch",
            new JsonObject().put("batch_input", toOpen).put("partial_failure_response_code", 200));

    assertEquals(200, sealed.status(), sealed::body);
    assertEquals("r7", results.getJsonObject(7).getString("reference"));
    assertEquals(200, opened.status(), opened::body);
    JsonArray plain = opened.data().getJsonArray("batch_results");
    for (int i = 0; i < 20; i++) {
      assertEquals("device-" + i, unb64(plain.getJsonObject(i).getString("plaintext")));
    }
    assertEquals(
        "invalid ciphertext: unable to decrypt", plain.getJsonObject(20).getString("error"));
  }

  @Test
  void rotate_thenDecryptOldVersions_andEncryptUnderNewest() {
    createHsmKey("rotating");
    String v1 = encrypt("rotating", "first");
    server.post("/v1/transit/keys/rotating/rotate", new JsonObject());
    String v2 = encrypt("rotating", "second");
    server.post("/v1/transit/keys/rotating/rotate", new JsonObject());

    String v3 = encrypt("rotating", "third");
    Response rewrapped =
        server.post("/v1/transit/rewrap/rotating", new JsonObject().put("ciphertext", v1));

    assertTrue(v2.startsWith("vault:v2:"), v2);
    assertTrue(v3.startsWith("vault:v3:"), v3);
    assertEquals("first", decrypt("rotating", v1));
    assertEquals("second", decrypt("rotating", v2));
    assertEquals(200, rewrapped.status(), rewrapped::body);
    assertTrue(rewrapped.data().getString("ciphertext").startsWith("vault:v3:"));
    assertEquals("first", decrypt("rotating", rewrapped.data().getString("ciphertext")));
  }

  @Test
  void decrypt_belowMinDecryptionVersion_isRefused() {
    createHsmKey("aged");
    String v1 = encrypt("aged", "old");
    server.post("/v1/transit/keys/aged/rotate", new JsonObject());
    server.post("/v1/transit/keys/aged/config", new JsonObject().put("min_decryption_version", 2));

    Response r = server.post("/v1/transit/decrypt/aged", new JsonObject().put("ciphertext", v1));

    assertEquals(400, r.status(), r::body);
  }

  @Test
  void hsmKeyObjects_areSensitiveNonExtractableAndOnePerVersion() throws Exception {
    createHsmKey("guarded");
    server.post("/v1/transit/keys/guarded/rotate", new JsonObject());

    List<String> labels = transitLabelsAfterStop();

    assertEquals(2, labels.size(), labels::toString);
    assertTrue(labels.get(0).endsWith("-v1") && labels.get(1).endsWith("-v2"), labels::toString);
    try (Pkcs11KeyProvider inspector = server.token.open()) {
      for (String label : labels) {
        AttributeVector a = Pkcs11Inspection.secretKeyAttributes(inspector, label);
        assertEquals(Boolean.TRUE, a.token(), label);
        assertEquals(Boolean.TRUE, a.sensitive(), label);
        assertEquals(Boolean.FALSE, a.extractable(), label);
        assertEquals(Boolean.TRUE, a.alwaysSensitive(), label);
        assertEquals(Boolean.TRUE, a.neverExtractable(), label);
        assertEquals(Boolean.TRUE, a.encrypt(), label);
        assertEquals(Boolean.TRUE, a.decrypt(), label);
        assertEquals(Boolean.FALSE, a.wrap(), label);
        assertEquals(Boolean.FALSE, a.unwrap(), label);
        assertEquals(Integer.valueOf(32), a.valueLen(), label);
        assertNull(Pkcs11Inspection.secretValueOrNull(inspector, label), label);
      }
    }
  }

  @Test
  void delete_hsmKey_destroysItsObjects() throws Exception {
    createHsmKey("doomed");
    server.post("/v1/transit/keys/doomed/rotate", new JsonObject());
    createHsmKey("kept");
    Response refused = server.call("DELETE", "/v1/transit/keys/doomed", VaultTestServer.ROOT, null);
    server.post("/v1/transit/keys/doomed/config", new JsonObject().put("deletion_allowed", true));

    Response deleted = server.call("DELETE", "/v1/transit/keys/doomed", VaultTestServer.ROOT, null);
    Response read = server.get("/v1/transit/keys/doomed");

    assertEquals(400, refused.status(), refused::body);
    assertEquals(204, deleted.status(), deleted::body);
    assertEquals(404, read.status(), read::body);
    List<String> left = transitLabelsAfterStop();
    assertEquals(1, left.size(), left::toString);
    assertTrue(left.get(0).endsWith("-v1"), left::toString);
  }

  @Test
  void hsmCallCounter_risesForHsmKeyButNotForSoftwareKey() {
    createHsmKey("hsm-counted");
    server.post("/v1/transit/keys/soft-counted", new JsonObject().put("type", "aes256-gcm96"));
    decrypt("hsm-counted", encrypt("hsm-counted", "warm"));
    decrypt("soft-counted", encrypt("soft-counted", "warm"));

    double beforeSoft = server.hsmCalls();
    for (int i = 0; i < 100; i++) {
      decrypt("soft-counted", encrypt("soft-counted", "payload-" + i));
    }
    double afterSoft = server.hsmCalls();
    for (int i = 0; i < 10; i++) {
      decrypt("hsm-counted", encrypt("hsm-counted", "payload-" + i));
    }
    double afterHsm = server.hsmCalls();

    assertEquals(beforeSoft, afterSoft, "200 aes256-gcm96 encrypts and decrypts made no HSM call");
    assertEquals(20.0, afterHsm - afterSoft, "one HSM call per hsm-aes256-gcm encrypt or decrypt");
  }

  @Test
  void hsmKey_exportBackupDerivedOrHmac_isRefusedAndNothingMade() throws Exception {
    Response exportable =
        server.post(
            "/v1/transit/keys/x1",
            new JsonObject().put("type", "hsm-aes256-gcm").put("exportable", true));
    Response backup =
        server.post(
            "/v1/transit/keys/x2",
            new JsonObject().put("type", "hsm-aes256-gcm").put("allow_plaintext_backup", true));
    Response derived =
        server.post(
            "/v1/transit/keys/x3",
            new JsonObject().put("type", "hsm-aes256-gcm").put("derived", true));
    createHsmKey("x4");
    Response laterExportable =
        server.post("/v1/transit/keys/x4/config", new JsonObject().put("exportable", true));
    Response hmac = server.post("/v1/transit/hmac/x4", new JsonObject().put("input", b64("data")));
    Response export = server.get("/v1/transit/export/encryption-key/x4");
    Response backupRead = server.get("/v1/transit/backup/x4");

    assertEquals(400, exportable.status(), exportable::body);
    assertEquals(400, backup.status(), backup::body);
    assertEquals(400, derived.status(), derived::body);
    assertEquals(400, laterExportable.status(), laterExportable::body);
    assertEquals(400, hmac.status(), hmac::body);
    assertEquals(400, export.status(), export::body);
    assertEquals(400, backupRead.status(), backupRead::body);
    assertEquals(404, server.get("/v1/transit/keys/x1").status());
    assertEquals(false, server.get("/v1/transit/keys/x4").data().getBoolean("exportable"));
    assertEquals(1, transitLabelsAfterStop().size(), "only x4's version 1 is in the token");
  }

  @Test
  void encrypt_creatingHsmKeyWithContext_isRefusedAndNothingMade() throws Exception {
    Response derived =
        server.post(
            "/v1/transit/encrypt/made-by-encrypt",
            new JsonObject()
                .put("type", "hsm-aes256-gcm")
                .put("plaintext", b64("data"))
                .put("context", b64("ctx")));

    assertEquals(400, derived.status(), derived::body);
    assertEquals(404, server.get("/v1/transit/keys/made-by-encrypt").status());
    assertEquals(List.of(), transitLabelsAfterStop(), "no token object left by a refused create");
  }
}
