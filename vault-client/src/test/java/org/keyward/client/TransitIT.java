package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transit through the SDK against the whole server. */
class TransitIT {
  @TempDir static Path dir;
  static LiveVault vault;
  static Transit transit;

  @BeforeAll
  static void start() {
    vault = LiveVault.start(dir);
    transit = vault.rootClient().transit();
    transit.createKey("params", "aes256-gcm96");
    transit.createKey("signer", "ecdsa-p256");
    transit.createKey("mac", "aes256-gcm96");
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void encryptThenDecrypt_roundTripsAndHidesPlaintext() {
    Ciphertext ct = transit.encrypt("params", SecretBytes.ofUtf8("vlan=42;key=abc"));

    SecretBytes plain = transit.decrypt("params", ct);

    assertTrue(ct.value().startsWith("vault:v1:"));
    assertEquals(1, ct.keyVersion());
    assertEquals("vlan=42;key=abc", plain.revealUtf8().reveal());
    assertFalse(plain.toString().contains("vlan"), plain::toString);
  }

  @Test
  void rewrap_afterRotation_raisesVersionAndStillDecrypts() {
    transit.createKey("rotating", "aes256-gcm96");
    Ciphertext old = transit.encrypt("rotating", SecretBytes.ofUtf8("p"));
    transit.rotateKey("rotating");

    Ciphertext rewrapped = transit.rewrap("rotating", old);

    assertEquals(1, old.keyVersion());
    assertEquals(2, rewrapped.keyVersion());
    assertEquals("p", transit.decrypt("rotating", rewrapped).revealUtf8().reveal());
  }

  @Test
  void batch_encryptDecrypt_keepsOrder() {
    List<Ciphertext> cts =
        transit.encryptBatch("params", List.of(SecretBytes.ofUtf8("a"), SecretBytes.ofUtf8("b")));

    List<SecretBytes> plains = transit.decryptBatch("params", cts);

    assertEquals(2, cts.size());
    assertEquals("a", plains.get(0).revealUtf8().reveal());
    assertEquals("b", plains.get(1).revealUtf8().reveal());
  }

  @Test
  void batchDecrypt_withForeignCiphertext_failsNamingTheItem() {
    Ciphertext good = transit.encrypt("params", SecretBytes.ofUtf8("a"));
    Ciphertext foreign = transit.encrypt("mac", SecretBytes.ofUtf8("b"));

    VaultException e =
        assertThrows(
            VaultException.class, () -> transit.decryptBatch("params", List.of(good, foreign)));

    assertTrue(e.errors().get(0).startsWith("item 1:"), e.errors()::toString);
  }

  @Test
  void dataKey_plaintextAndWrapped_decryptsToSameKey() {
    DataKey withPlain = transit.dataKey("params", true, 256);
    DataKey wrappedOnly = transit.dataKey("params", false, 128);

    byte[] unwrapped = transit.decrypt("params", withPlain.wrapped()).reveal();

    assertEquals(32, withPlain.plaintext().orElseThrow().length());
    assertArrayEquals(withPlain.plaintext().orElseThrow().reveal(), unwrapped);
    assertTrue(wrappedOnly.plaintext().isEmpty());
    assertEquals(16, transit.decrypt("params", wrappedOnly.wrapped()).length());
  }

  @Test
  void signVerify_acceptsOwnSignatureRejectsOtherInput() {
    byte[] input = "config v7".getBytes(StandardCharsets.UTF_8);

    TransitSignature sig = transit.sign("signer", input);

    assertTrue(transit.verify("signer", input, sig));
    assertFalse(transit.verify("signer", "config v8".getBytes(StandardCharsets.UTF_8), sig));
  }

  @Test
  void hmac_verifiesAndDiffersPerInput() {
    byte[] a = "a".getBytes(StandardCharsets.UTF_8);
    byte[] b = "b".getBytes(StandardCharsets.UTF_8);

    TransitHmac mac = transit.hmac("mac", a);

    assertTrue(transit.verifyHmac("mac", a, mac));
    assertFalse(transit.verifyHmac("mac", b, mac));
    assertNotEquals(mac, transit.hmac("mac", b));
  }

  @Test
  void decrypt_unknownKey_failsWithStatus() {
    Ciphertext ct = transit.encrypt("params", SecretBytes.ofUtf8("x"));

    VaultException e = assertThrows(VaultException.class, () -> transit.decrypt("nope", ct));

    assertTrue(e.status() == 400 || e.status() == 404, e::getMessage);
  }
}
