package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.KeyWrapper;
import org.keyward.hsm.SigningAlgorithm;
import org.keyward.hsm.testing.SoftHsmToken;

class Pkcs11KeyProviderIT {
  private static SoftHsmToken token;
  private static Pkcs11KeyProvider provider;

  @BeforeAll
  static void open() throws Exception {
    token = SoftHsmToken.create();
    provider = token.open();
  }

  @AfterAll
  static void close() {
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void encrypt_thenDecryptWithSameAad_returnsPlaintext() throws Exception {
    Aead kek = provider.createKek(new KeyRef("gcm", 1));
    byte[] plaintext = "a 32-byte data encryption key!!!".getBytes(StandardCharsets.UTF_8);
    byte[] aad = "core/keyring".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = kek.encrypt(plaintext, aad);
    assertEquals(12 + plaintext.length + 16, sealed.length);
    assertArrayEquals(plaintext, kek.decrypt(sealed, aad));
    assertFalse(java.util.Arrays.equals(sealed, kek.encrypt(plaintext, aad)), "fresh IV per call");
  }

  @Test
  void decrypt_withWrongAad_failsWithIntegrity() throws Exception {
    Aead kek = provider.createKek(new KeyRef("gcm", 1));
    byte[] sealed = kek.encrypt(new byte[32], "a".getBytes(StandardCharsets.UTF_8));
    HsmException e =
        assertThrows(
            HsmException.class, () -> kek.decrypt(sealed, "b".getBytes(StandardCharsets.UTF_8)));
    assertEquals(HsmException.Kind.INTEGRITY, e.kind());
    assertTrue(e.getMessage().contains("gcm-v1"), e.getMessage());
  }

  @Test
  void decrypt_withFlippedTagByte_failsWithIntegrity() throws Exception {
    Aead kek = provider.createKek(new KeyRef("gcm", 1));
    byte[] sealed = kek.encrypt(new byte[32], null);
    sealed[sealed.length - 1] ^= 1;
    HsmException e = assertThrows(HsmException.class, () -> kek.decrypt(sealed, null));
    assertEquals(HsmException.Kind.INTEGRITY, e.kind());
  }

  @Test
  void kek_whenAbsent_failsWithKeyNotFound() {
    HsmException e = assertThrows(HsmException.class, () -> provider.kek(new KeyRef("absent", 1)));
    assertEquals(HsmException.Kind.KEY_NOT_FOUND, e.kind());
  }

  @Test
  void createKek_twice_findsTheSameKey() throws Exception {
    Aead first = provider.createKek(new KeyRef("same", 1));
    byte[] sealed = first.encrypt(new byte[] {1, 2, 3}, null);
    Aead again = provider.createKek(new KeyRef("same", 1));
    assertArrayEquals(new byte[] {1, 2, 3}, again.decrypt(sealed, null));
  }

  @Test
  void wrap_thenUnwrap_returnsKeyBytes() throws Exception {
    provider.createKek(new KeyRef("kwp", 1));
    KeyWrapper wrapper = provider.keyWrapper(new KeyRef("kwp", 1));
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    byte[] wrapped = wrapper.wrap(key);
    assertEquals(40, wrapped.length);
    assertArrayEquals(key, wrapper.unwrap(wrapped));
    wrapped[3] ^= 1;
    HsmException e = assertThrows(HsmException.class, () -> wrapper.unwrap(wrapped));
    assertEquals(HsmException.Kind.INTEGRITY, e.kind());
  }

  @Test
  void createSigner_p256_signatureVerifiesWithJdk() throws Exception {
    assertSignatureVerifies(new KeyRef("ca", 1), SigningAlgorithm.EC_P256);
  }

  @Test
  void createSigner_p384_signatureVerifiesWithJdk() throws Exception {
    assertSignatureVerifies(new KeyRef("ca384", 1), SigningAlgorithm.EC_P384);
  }

  @Test
  void createSigner_rsa3072_signatureVerifiesWithJdk() throws Exception {
    assertSignatureVerifies(new KeyRef("carsa", 1), SigningAlgorithm.RSA_3072);
  }

  private static void assertSignatureVerifies(KeyRef ref, SigningAlgorithm algorithm)
      throws Exception {
    CaSigner signer = provider.createSigner(ref, algorithm);
    byte[] data = "tbsCertificate".getBytes(StandardCharsets.UTF_8);
    byte[] signature = signer.sign(data);
    Signature verifier = Signature.getInstance(algorithm.jcaName());
    verifier.initVerify(provider.signer(ref).publicKey());
    verifier.update(data);
    assertTrue(verifier.verify(signature));
    verifier.initVerify(signer.publicKey());
    verifier.update("other".getBytes(StandardCharsets.UTF_8));
    assertFalse(verifier.verify(signature));
  }

  @Test
  void versions_afterCreatingTwo_listsBothAscending() throws Exception {
    provider.createKek(new KeyRef("rot", 2));
    provider.createKek(new KeyRef("rot", 1));
    provider.createKek(new KeyRef("rotx", 3));
    assertEquals(List.of(1, 2), provider.versions("rot"));
  }

  @Test
  void destroy_thenKek_failsWithKeyNotFound() throws Exception {
    KeyRef ref = new KeyRef("gone", 1);
    provider.createKek(ref);
    provider.destroy(ref);
    HsmException e = assertThrows(HsmException.class, () -> provider.kek(ref));
    assertEquals(HsmException.Kind.KEY_NOT_FOUND, e.kind());
    assertEquals(List.of(), provider.versions("gone"));
  }
}
