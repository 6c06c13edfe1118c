package org.keyward.hsm.software;

import static org.junit.jupiter.api.Assertions.*;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.KeyWrapper;
import org.keyward.hsm.SigningAlgorithm;

class InsecureSoftwareKeyProviderTest {
  @TempDir Path dir;

  @Test
  void open_withoutAllowInsecure_isRefusedWithConfiguration() {
    HsmException e =
        assertThrows(
            HsmException.class, () -> InsecureSoftwareKeyProvider.open(dir.resolve("keys"), false));
    assertEquals(HsmException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains("allowInsecure=true"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("keys")), "refusal must not create the key directory");
  }

  @Test
  void createKek_encryptThenDecrypt_roundTripsAndFilesAre0600() throws Exception {
    try (InsecureSoftwareKeyProvider p = InsecureSoftwareKeyProvider.open(dir, true)) {
      Aead kek = p.createKek(new KeyRef("kek", 1));
      byte[] aad = "core/keyring".getBytes(StandardCharsets.UTF_8);
      byte[] sealed = kek.encrypt(new byte[] {1, 2}, aad);
      assertArrayEquals(new byte[] {1, 2}, p.kek(new KeyRef("kek", 1)).decrypt(sealed, aad));
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(dir.resolve("kek-v1.kek.json"))));
    }
  }

  @Test
  void decrypt_withWrongAad_failsWithIntegrity() throws Exception {
    try (InsecureSoftwareKeyProvider p = InsecureSoftwareKeyProvider.open(dir, true)) {
      Aead kek = p.createKek(new KeyRef("kek", 1));
      byte[] sealed = kek.encrypt(new byte[] {1}, new byte[] {1});
      HsmException e = assertThrows(HsmException.class, () -> kek.decrypt(sealed, new byte[] {2}));
      assertEquals(HsmException.Kind.INTEGRITY, e.kind());
    }
  }

  @Test
  void wrap_thenUnwrap_roundTripsAndTamperFailsWithIntegrity() throws Exception {
    try (InsecureSoftwareKeyProvider p = InsecureSoftwareKeyProvider.open(dir, true)) {
      p.createKek(new KeyRef("kek", 1));
      KeyWrapper wrapper = p.keyWrapper(new KeyRef("kek", 1));
      byte[] key = new byte[32];
      key[5] = 9;
      byte[] wrapped = wrapper.wrap(key);
      assertArrayEquals(key, wrapper.unwrap(wrapped));
      wrapped[0] ^= 1;
      assertEquals(
          HsmException.Kind.INTEGRITY,
          assertThrows(HsmException.class, () -> wrapper.unwrap(wrapped)).kind());
    }
  }

  @Test
  void createSigner_p256_signatureVerifiesAndSurvivesReopen() throws Exception {
    byte[] data = "tbs".getBytes(StandardCharsets.UTF_8);
    byte[] signature;
    try (InsecureSoftwareKeyProvider p = InsecureSoftwareKeyProvider.open(dir, true)) {
      signature = p.createSigner(new KeyRef("ca", 1), SigningAlgorithm.EC_P256).sign(data);
    }
    try (InsecureSoftwareKeyProvider p = InsecureSoftwareKeyProvider.open(dir, true)) {
      CaSigner signer = p.signer(new KeyRef("ca", 1));
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(signer.publicKey());
      v.update(data);
      assertTrue(v.verify(signature));
    }
  }

  @Test
  void versionsAndDestroy_followLabels() throws Exception {
    try (InsecureSoftwareKeyProvider p = InsecureSoftwareKeyProvider.open(dir, true)) {
      p.createKek(new KeyRef("kek", 2));
      p.createKek(new KeyRef("kek", 1));
      p.createSigner(new KeyRef("kekx", 1), SigningAlgorithm.EC_P256);
      assertEquals(List.of(1, 2), p.versions("kek"));
      p.destroy(new KeyRef("kek", 1));
      assertEquals(List.of(2), p.versions("kek"));
      assertEquals(
          HsmException.Kind.KEY_NOT_FOUND,
          assertThrows(HsmException.class, () -> p.kek(new KeyRef("kek", 1))).kind());
    }
  }
}
