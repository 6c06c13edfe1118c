package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;
import org.keyward.hsm.testing.SoftHsmToken;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;

/** The token must refuse to hand out the KEK or the CA private key, by any route we can try. */
class Pkcs11KeyProtectionIT {
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
  void kekValue_whenRead_isRefused() throws Exception {
    KeyRef ref = new KeyRef("kek", 1);
    provider.createKek(ref);
    TokenConnection c = provider.connection();
    Object value =
        readOrRefuse(
            c,
            ref.label(),
            t -> t.getAttrValues(c.handle(t, CKO_SECRET_KEY, ref.label()), CKA_VALUE).value());
    assertEquals("refused", value);
  }

  @Test
  void kek_whenWrappedOut_isRefused() throws Exception {
    KeyRef kek = new KeyRef("kek", 1);
    KeyRef other = new KeyRef("other", 1);
    provider.createKek(kek);
    provider.createKek(other);
    TokenConnection c = provider.connection();
    HsmException e =
        assertThrows(
            HsmException.class,
            () ->
                c.call(
                    "wrap",
                    kek.label(),
                    t ->
                        t.wrapKey(
                            new Mechanism(CKM_AES_KEY_WRAP_PAD),
                            c.handle(t, CKO_SECRET_KEY, other.label()),
                            c.handle(t, CKO_SECRET_KEY, kek.label()))));
    assertTrue(e.getMessage().contains("CKR_KEY_UNEXTRACTABLE"), e.getMessage());
  }

  @Test
  void kekAttributes_areSensitiveNonExtractableWithOnlyCipherUsages() throws Exception {
    KeyRef ref = new KeyRef("kek", 1);
    provider.createKek(ref);
    TokenConnection c = provider.connection();
    AttributeVector a =
        c.call(
            "read",
            ref.label(),
            t ->
                t.getAttrValues(
                    c.handle(t, CKO_SECRET_KEY, ref.label()),
                    CKA_TOKEN,
                    CKA_PRIVATE,
                    CKA_SENSITIVE,
                    CKA_EXTRACTABLE,
                    CKA_ENCRYPT,
                    CKA_DECRYPT,
                    CKA_WRAP,
                    CKA_UNWRAP,
                    CKA_SIGN,
                    CKA_VERIFY,
                    CKA_DERIVE));
    assertEquals(Boolean.TRUE, a.token());
    assertEquals(Boolean.TRUE, a.private_());
    assertEquals(Boolean.TRUE, a.sensitive());
    assertEquals(Boolean.FALSE, a.extractable());
    assertEquals(Boolean.TRUE, a.encrypt());
    assertEquals(Boolean.TRUE, a.decrypt());
    assertEquals(Boolean.TRUE, a.wrap());
    assertEquals(Boolean.TRUE, a.unwrap());
    assertEquals(Boolean.FALSE, a.sign());
    assertEquals(Boolean.FALSE, a.verify());
    assertEquals(Boolean.FALSE, a.derive());
  }

  @Test
  void signingPrivateKey_isSignOnlyAndItsValueIsRefused() throws Exception {
    KeyRef ref = new KeyRef("ca", 1);
    provider.createSigner(ref, SigningAlgorithm.EC_P256);
    TokenConnection c = provider.connection();
    AttributeVector a =
        c.call(
            "read",
            ref.label(),
            t ->
                t.getAttrValues(
                    c.handle(t, CKO_PRIVATE_KEY, ref.label()),
                    CKA_SENSITIVE,
                    CKA_EXTRACTABLE,
                    CKA_SIGN,
                    CKA_DECRYPT,
                    CKA_UNWRAP,
                    CKA_DERIVE,
                    CKA_SIGN_RECOVER));
    assertEquals(Boolean.TRUE, a.sensitive());
    assertEquals(Boolean.FALSE, a.extractable());
    assertEquals(Boolean.TRUE, a.sign());
    assertEquals(Boolean.FALSE, a.decrypt());
    assertEquals(Boolean.FALSE, a.unwrap());
    assertEquals(Boolean.FALSE, a.derive());
    assertEquals(Boolean.FALSE, a.signRecover());
    Object value =
        readOrRefuse(
            c,
            ref.label(),
            t -> t.getAttrValues(c.handle(t, CKO_PRIVATE_KEY, ref.label()), CKA_VALUE).value());
    assertEquals("refused", value);
  }

  /** Runs the read; a thrown refusal or an absent value both mean "refused". */
  private static Object readOrRefuse(
      TokenConnection c, String label, TokenConnection.Call<byte[]> read) {
    try {
      byte[] value = c.call("read", label, read);
      return value == null ? "refused" : value;
    } catch (HsmException e) {
      assertTrue(e.getMessage().contains("CKR_ATTRIBUTE_SENSITIVE"), e.getMessage());
      return "refused";
    }
  }
}
