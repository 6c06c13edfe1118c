package org.keyward.engine.transit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.keyward.engine.transit.WycheproofVectors.Case;

/**
 * Runs Wycheproof vectors through the engine's own primitive classes ({@link AeadCipher}, {@link
 * AsymmetricSigner}, {@link HashAlgorithm}). Vectors for parameters transit never uses (other nonce
 * or key sizes) are skipped, and each test asserts a minimum count actually ran so a broken loader
 * cannot pass by running nothing. "acceptable" vectors are legal either way and not asserted.
 */
class WycheproofTest {

  @Test
  void aesGcm_vectorsWith96BitNonce_sealAndOpenAsExpected() throws GeneralSecurityException {
    int ran = 0;
    for (Case c : WycheproofVectors.load("aes_gcm_test.json")) {
      int keyBits = c.group().getInteger("keySize");
      if (c.group().getInteger("ivSize") != 96
          || c.group().getInteger("tagSize") != 128
          || (keyBits != 128 && keyBits != 256)) {
        continue;
      }
      AeadCipher cipher =
          new AeadCipher(
              keyBits == 128 ? KeyType.AES128_GCM96 : KeyType.AES256_GCM96, c.hex("key"));
      byte[] payload = concat(c.hex("iv"), c.hex("ct"), c.hex("tag"));
      if (c.result().equals("valid")) {
        assertArrayEquals(payload, cipher.seal(c.hex("iv"), c.hex("msg"), c.hex("aad")), c.id());
        assertArrayEquals(c.hex("msg"), cipher.open(payload, c.hex("aad")), c.id());
      } else if (c.result().equals("invalid")) {
        assertThrows(
            GeneralSecurityException.class, () -> cipher.open(payload, c.hex("aad")), c.id());
      }
      ran++;
    }
    assertTrue(ran >= 130, "ran " + ran);
  }

  @Test
  void ecdsaP256Asn1_vectors_verifyAsExpected() {
    int ran = verifyAll("ecdsa_secp256r1_sha256_test.json", KeyType.ECDSA_P256, options(false, 0));
    assertTrue(ran >= 480, "ran " + ran);
  }

  @Test
  void ecdsaP256Jws_vectors_verifyAsExpected() {
    int ran =
        verifyAll("ecdsa_secp256r1_sha256_p1363_test.json", KeyType.ECDSA_P256, options(true, 0));
    assertTrue(ran >= 260, "ran " + ran);
  }

  @Test
  void ed25519_vectors_verifyAsExpected() {
    int ran = verifyAll("ed25519_test.json", KeyType.ED25519, options(false, 0));
    assertTrue(ran >= 150, "ran " + ran);
  }

  @Test
  void rsaPss2048_vectors_verifyAsExpected() {
    int ran =
        verifyAll("rsa_pss_2048_sha256_mgf1_32_test.json", KeyType.RSA_2048, options(false, 32));
    assertTrue(ran >= 100, "ran " + ran);
  }

  @Test
  void hmacSha256_vectors_matchOrDifferAsExpected() {
    int ran = 0;
    for (Case c : WycheproofVectors.load("hmac_sha256_test.json")) {
      int tagBytes = c.group().getInteger("tagSize") / 8;
      byte[] mac = Arrays.copyOf(HashAlgorithm.SHA2_256.hmac(c.hex("key"), c.hex("msg")), tagBytes);
      assertEquals(c.result().equals("valid"), MessageDigest.isEqual(mac, c.hex("tag")), c.id());
      ran++;
    }
    assertTrue(ran >= 170, "ran " + ran);
  }

  private static int verifyAll(String file, KeyType type, AsymmetricSigner.Options options) {
    int ran = 0;
    for (Case c : WycheproofVectors.load(file)) {
      if (c.result().equals("acceptable")) {
        continue;
      }
      boolean valid =
          AsymmetricSigner.verify(
              type, c.groupHex("publicKeyDer"), c.hex("msg"), c.hex("sig"), options);
      assertEquals(c.result().equals("valid"), valid, file + " " + c.id());
      ran++;
    }
    return ran;
  }

  private static AsymmetricSigner.Options options(boolean jws, int saltLength) {
    return new AsymmetricSigner.Options(HashAlgorithm.SHA2_256, false, true, jws, saltLength);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
