package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;
import static org.keyward.hsm.pkcs11.WycheproofFile.hex;
import static org.keyward.hsm.pkcs11.WycheproofFile.result;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.testing.SoftHsmToken;
import org.xipki.pkcs11.wrapper.AttributeVector;

/**
 * Wycheproof known-answer vectors through the adapter's own code paths: GCM and KWP run in the
 * token with each vector's key imported as a session object; ECDSA P-256 checks the raw-to-DER
 * conversion the signer uses. Verdicts come from Bouncy Castle's verifier, which matches Wycheproof
 * exactly; the JDK verifier (used elsewhere in tests) is run too and its known deviations are
 * asserted by test id, so a JDK update that changes them is noticed.
 */
class WycheproofPkcs11IT {
  /** Wycheproof's reference verdicts hold for Bouncy Castle; the JDK's deviations are listed. */
  private static final Provider BC = new BouncyCastleProvider();

  private static Pkcs11KeyProvider provider;

  @BeforeAll
  static void open() throws Exception {
    provider = SoftHsmToken.create().open();
  }

  @AfterAll
  static void close() {
    provider.close();
  }

  @Test
  void aesGcm_vectorsWith96BitIv_matchThroughToken() throws Exception {
    WycheproofFile file = WycheproofFile.load("aes_gcm_test.json");
    int skippedByIvRule = 0;
    int skippedEmptyPlaintext = 0;
    for (JsonObject group : file.groups()) {
      for (JsonObject test : WycheproofFile.tests(group)) {
        // Rule: the adapter only ever makes and accepts 12-byte IVs (Pkcs11Aead.IV_BYTES).
        if (group.getInteger("ivSize") != Pkcs11Aead.IV_BYTES * 8) {
          file.skipped();
          skippedByIvRule++;
          continue;
        }
        // Rule: SoftHSM 2.6.1 refuses a 0-byte GCM plaintext (CKR_ARGUMENTS_BAD); a KEK never
        // encrypts nothing, so these vectors are counted out rather than run.
        if (test.getString("msg").isEmpty()) {
          file.skipped();
          skippedEmptyPlaintext++;
          continue;
        }
        assertEquals(Pkcs11Aead.TAG_BITS, group.getInteger("tagSize"));
        String label = "wp-gcm-" + test.getInteger("tcId");
        importSessionKey(label, hex(test, "key"), true);
        try {
          Pkcs11Aead aead = new Pkcs11Aead(provider.connection(), label);
          byte[] iv = hex(test, "iv");
          byte[] aad = hex(test, "aad");
          byte[] sealed = concat(hex(test, "ct"), hex(test, "tag"));
          switch (result(test)) {
            case "valid" -> {
              file.expect(
                  Arrays.equals(sealed, aead.encryptWithIv(iv, hex(test, "msg"), aad)), id(test));
              file.expect(
                  Arrays.equals(hex(test, "msg"), aead.decryptWithIv(iv, sealed, aad)), id(test));
            }
            case "invalid" ->
                file.expect(integrityFailure(() -> aead.decryptWithIv(iv, sealed, aad)), id(test));
            default -> file.acceptable(test, opens(aead, iv, sealed, aad));
          }
          if (!"acceptable".equals(result(test))) {
            file.ran();
          }
        } finally {
          destroySessionKey(label);
        }
      }
    }
    // 316 vectors: 197 have a 96-bit IV; the other 119 are skipped by the IV rule.
    assertEquals(119, skippedByIvRule);
    assertEquals(4, skippedEmptyPlaintext);
    file.assertCovered(193);
  }

  @Test
  void aesKwp_vectors_matchThroughTokenWrapAndUnwrap() throws Exception {
    WycheproofFile file = WycheproofFile.load("aes_kwp_test.json");
    int wrapSkippedByLengthRule = 0;
    for (JsonObject group : file.groups()) {
      for (JsonObject test : WycheproofFile.tests(group)) {
        byte[] msg = hex(test, "msg");
        // Rule: a PKCS#11 key object cannot be empty, so 0-byte "keys" cannot be wrapped.
        String label = "wp-kwp-" + test.getInteger("tcId");
        importSessionKey(label, hex(test, "key"), false);
        try {
          Pkcs11KeyWrapper wrapper =
              new Pkcs11KeyWrapper(provider.connection(), new KeyRef("wp-kwp", 1), label);
          byte[] ct = hex(test, "ct");
          switch (result(test)) {
            case "valid" -> {
              if (msg.length % 8 == 0) {
                file.expect(Arrays.equals(ct, wrapper.wrap(msg)), id(test) + " wrap");
              } else {
                // Rule: the adapter refuses to wrap keys that are not whole 8-byte blocks,
                // because SoftHSM 2.6.1 wraps them non-conformantly; unwrapping still runs.
                assertThrows(IllegalArgumentException.class, () -> wrapper.wrap(msg), id(test));
                wrapSkippedByLengthRule++;
              }
              file.expect(Arrays.equals(msg, wrapper.unwrap(ct)), id(test) + " unwrap");
            }
            case "invalid" -> file.expect(integrityFailure(() -> wrapper.unwrap(ct)), id(test));
            default -> file.acceptable(test, unwraps(wrapper, ct));
          }
          if (!"acceptable".equals(result(test))) {
            file.ran();
          }
        } finally {
          destroySessionKey(label);
        }
      }
    }
    assertEquals(44, wrapSkippedByLengthRule);
    file.assertCovered(254);
  }

  @Test
  void ecdsaP256P1363_vectors_verifyAfterRawToDerConversion() throws Exception {
    WycheproofFile file = WycheproofFile.load("ecdsa_secp256r1_sha256_p1363_test.json");
    java.util.List<Integer> jdkDeviations = new java.util.ArrayList<>();
    for (JsonObject group : file.groups()) {
      PublicKey key = publicKey(group);
      for (JsonObject test : WycheproofFile.tests(group)) {
        byte[] der;
        try {
          der = EcdsaSignatures.rawToDer(hex(test, "sig"), 32);
        } catch (IllegalArgumentException e) {
          der = null;
        }
        boolean verified = der != null && verify(BC, key, hex(test, "msg"), der);
        record(file, test, verified);
        boolean jdk = der != null && verify(null, key, hex(test, "msg"), der);
        if (jdk != verified) {
          jdkDeviations.add(test.getInteger("tcId"));
        }
      }
    }
    file.assertCovered(262);
    // JDK 17.0.15 rejects two valid signatures whose x-coordinate needs a reduction mod n.
    assertEquals(java.util.List.of(115, 257), jdkDeviations);
  }

  @Test
  void ecdsaP256Der_vectors_verifyWithBouncyCastleAndJdk() throws Exception {
    WycheproofFile file = WycheproofFile.load("ecdsa_secp256r1_sha256_test.json");
    java.util.List<Integer> jdkDeviations = new java.util.ArrayList<>();
    for (JsonObject group : file.groups()) {
      PublicKey key = publicKey(group);
      for (JsonObject test : WycheproofFile.tests(group)) {
        boolean verified = verify(BC, key, hex(test, "msg"), hex(test, "sig"));
        record(file, test, verified);
        if (verify(null, key, hex(test, "msg"), hex(test, "sig")) != verified) {
          jdkDeviations.add(test.getInteger("tcId"));
        }
      }
    }
    file.assertCovered(484);
    // JDK 17.0.15 accepts one non-DER "s misses leading 0" form and rejects the two x >= n
    // reduction cases.
    assertEquals(java.util.List.of(6, 350, 479), jdkDeviations);
  }

  private static void record(WycheproofFile file, JsonObject test, boolean verified) {
    switch (result(test)) {
      case "valid" -> file.expect(verified, id(test));
      case "invalid" -> file.expect(!verified, id(test));
      default -> {
        file.acceptable(test, verified);
        return;
      }
    }
    file.ran();
  }

  /** Verifies with {@code provider}, or the JDK's default when null. */
  private static boolean verify(Provider provider, PublicKey key, byte[] msg, byte[] der) {
    try {
      Signature verifier =
          provider == null
              ? Signature.getInstance("SHA256withECDSA")
              : Signature.getInstance("SHA256withECDSA", provider);
      verifier.initVerify(key);
      verifier.update(msg);
      return verifier.verify(der);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PublicKey publicKey(JsonObject group) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC")
        .generatePublic(
            new X509EncodedKeySpec(HexFormat.of().parseHex(group.getString("publicKeyDer"))));
  }

  /** A call that must fail with INTEGRITY (and nothing else). */
  interface HsmCall {
    Object run() throws HsmException;
  }

  private static boolean integrityFailure(HsmCall call) {
    try {
      call.run();
      return false;
    } catch (HsmException e) {
      return e.kind() == HsmException.Kind.INTEGRITY;
    }
  }

  private static boolean opens(Pkcs11Aead aead, byte[] iv, byte[] sealed, byte[] aad) {
    try {
      aead.decryptWithIv(iv, sealed, aad);
      return true;
    } catch (HsmException e) {
      return false;
    }
  }

  private static boolean unwraps(Pkcs11KeyWrapper wrapper, byte[] ct) {
    try {
      wrapper.unwrap(ct);
      return true;
    } catch (HsmException e) {
      return false;
    }
  }

  private static void importSessionKey(String label, byte[] key, boolean gcm) throws HsmException {
    AttributeVector template =
        AttributeVector.newAESSecretKey()
            .token(false)
            .label(label)
            .value(key)
            .encrypt(gcm)
            .decrypt(gcm)
            .wrap(!gcm)
            .unwrap(!gcm);
    provider.connection().call("import", label, t -> t.createObject(template));
  }

  private static void destroySessionKey(String label) throws HsmException {
    TokenConnection c = provider.connection();
    c.call(
        "destroy",
        label,
        t -> {
          c.destroyObjects(t, label);
          return null;
        });
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  private static String id(JsonObject test) {
    return "tcId " + test.getInteger("tcId") + " (" + test.getString("comment") + ")";
  }
}
