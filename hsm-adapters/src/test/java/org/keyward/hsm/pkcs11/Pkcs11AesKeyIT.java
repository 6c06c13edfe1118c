package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.testing.SoftHsmToken;
import org.xipki.pkcs11.wrapper.AttributeVector;

/** AES-256 data keys generated in a real SoftHSM token: use, idempotent creation, protection. */
class Pkcs11AesKeyIT {
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
  void createAesKey_encryptThenDecrypt_roundTrips() throws Exception {
    Aead key = provider.createAesKey(new KeyRef("data-round", 1));
    byte[] plaintext = "device 42 enable secret".getBytes(StandardCharsets.UTF_8);
    byte[] aad = "ctx".getBytes(StandardCharsets.UTF_8);

    byte[] ciphertext = key.encrypt(plaintext, aad);

    assertEquals(12 + plaintext.length + 16, ciphertext.length);
    assertArrayEquals(plaintext, key.decrypt(ciphertext, aad));
  }

  @Test
  void createAesKey_calledTwice_returnsTheSameKey() throws Exception {
    KeyRef ref = new KeyRef("data-twice", 1);
    byte[] ciphertext = provider.createAesKey(ref).encrypt(new byte[] {1, 2, 3}, null);

    byte[] opened = provider.createAesKey(ref).decrypt(ciphertext, null);

    assertArrayEquals(new byte[] {1, 2, 3}, opened);
    assertEquals(1, objects(ref));
  }

  @Test
  void decrypt_withOtherVersionsKey_failsWithIntegrity() throws Exception {
    byte[] ciphertext =
        provider.createAesKey(new KeyRef("data-versions", 1)).encrypt(new byte[8], null);
    Aead v2 = provider.createAesKey(new KeyRef("data-versions", 2));

    HsmException e = assertThrows(HsmException.class, () -> v2.decrypt(ciphertext, null));

    assertEquals(HsmException.Kind.INTEGRITY, e.kind());
  }

  @Test
  void aesKeyAttributes_areSensitiveNonExtractableEncryptDecryptOnly() throws Exception {
    KeyRef ref = new KeyRef("data-attrs", 1);
    provider.createAesKey(ref);
    TokenConnection c = provider.connection();

    AttributeVector a =
        c.call(
            "read",
            ref.label(),
            t ->
                t.getAttrValues(
                    c.handle(t, CKO_SECRET_KEY, ref.label()),
                    CKA_TOKEN,
                    CKA_SENSITIVE,
                    CKA_EXTRACTABLE,
                    CKA_ALWAYS_SENSITIVE,
                    CKA_NEVER_EXTRACTABLE,
                    CKA_ENCRYPT,
                    CKA_DECRYPT,
                    CKA_WRAP,
                    CKA_UNWRAP,
                    CKA_SIGN,
                    CKA_DERIVE,
                    CKA_VALUE_LEN));

    assertEquals(Boolean.TRUE, a.token());
    assertEquals(Boolean.TRUE, a.sensitive());
    assertEquals(Boolean.FALSE, a.extractable());
    assertEquals(Boolean.TRUE, a.alwaysSensitive());
    assertEquals(Boolean.TRUE, a.neverExtractable());
    assertEquals(Boolean.TRUE, a.encrypt());
    assertEquals(Boolean.TRUE, a.decrypt());
    assertEquals(Boolean.FALSE, a.wrap());
    assertEquals(Boolean.FALSE, a.unwrap());
    assertEquals(Boolean.FALSE, a.sign());
    assertEquals(Boolean.FALSE, a.derive());
    assertEquals(Integer.valueOf(32), a.valueLen());
  }

  @Test
  void aesKeyValue_whenRead_isRefused() throws Exception {
    KeyRef ref = new KeyRef("data-value", 1);
    provider.createAesKey(ref);
    TokenConnection c = provider.connection();

    byte[] value;
    try {
      value =
          c.call(
              "read",
              ref.label(),
              t -> t.getAttrValues(c.handle(t, CKO_SECRET_KEY, ref.label()), CKA_VALUE).value());
    } catch (HsmException e) {
      assertTrue(e.getMessage().contains("CKR_ATTRIBUTE_SENSITIVE"), e.getMessage());
      value = null;
    }

    assertNull(value);
  }

  @Test
  void destroy_thenAesKey_isNotFound() throws Exception {
    KeyRef ref = new KeyRef("data-gone", 1);
    provider.createAesKey(ref);

    provider.destroy(ref);

    HsmException e = assertThrows(HsmException.class, () -> provider.aesKey(ref));
    assertEquals(HsmException.Kind.KEY_NOT_FOUND, e.kind());
    assertEquals(0, objects(ref));
  }

  private static int objects(KeyRef ref) throws HsmException {
    long[] found =
        provider
            .connection()
            .call(
                "find",
                ref.label(),
                t -> t.findAllObjects(new AttributeVector().label(ref.label())));
    return found.length;
  }
}
