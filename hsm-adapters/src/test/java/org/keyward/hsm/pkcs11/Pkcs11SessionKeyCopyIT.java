package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import com.google.crypto.tink.Aead;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.testing.SoftHsmToken;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;

/**
 * AES-GCM runs on a session-object copy of the token key (SessionKeyCopies): the copy must stay as
 * protected as its source and must not outlive it, whether the key is destroyed through the
 * provider, destroyed by another application, or the sessions go away underneath.
 */
class Pkcs11SessionKeyCopyIT {
  private static final byte[] AAD = {1, 2, 3};

  private Pkcs11KeyProvider provider;
  private TokenConnection connection;

  @BeforeEach
  void open() throws Exception {
    provider = SoftHsmToken.create().open();
    connection = provider.connection();
  }

  @AfterEach
  void close() {
    provider.close();
  }

  private long[] sessionObjects(String label) throws HsmException {
    return connection.call(
        "find",
        label,
        t -> t.findAllObjects(new AttributeVector().label(SessionKeyCopies.copyLabel(label))));
  }

  @Test
  void encrypt_dataKey_usesOneSessionCopyAsProtectedAsTheTokenKey() throws Exception {
    Aead key = provider.createAesKey(new KeyRef("orders", 1));

    byte[] sealed = key.encrypt(new byte[] {42}, AAD);
    assertArrayEquals(new byte[] {42}, key.decrypt(sealed, AAD));

    long[] copies = sessionObjects("orders-v1");
    assertEquals(1, copies.length);
    AttributeVector a =
        connection.call(
            "read",
            "orders-v1",
            t ->
                t.getAttrValues(
                    copies[0],
                    CKA_TOKEN,
                    CKA_PRIVATE,
                    CKA_SENSITIVE,
                    CKA_EXTRACTABLE,
                    CKA_NEVER_EXTRACTABLE,
                    CKA_WRAP,
                    CKA_UNWRAP));
    assertEquals(false, a.token());
    assertEquals(true, a.private_());
    assertEquals(true, a.sensitive());
    assertEquals(false, a.extractable());
    assertEquals(true, a.neverExtractable());
    assertEquals(false, a.wrap());
    assertEquals(false, a.unwrap());
    assertNull(Pkcs11Inspection.valueOrNull(connection, copies[0]));
  }

  @Test
  void destroy_keyInUseThroughItsCopy_copyGoesTooAndKeyStopsWorking() throws Exception {
    KeyRef ref = new KeyRef("orders", 1);
    Aead key = provider.createAesKey(ref);
    byte[] sealed = key.encrypt(new byte[] {7}, AAD);

    provider.destroy(ref);

    assertEquals(0, sessionObjects("orders-v1").length);
    HsmException e = assertThrows(HsmException.class, () -> key.encrypt(new byte[] {8}, AAD));
    assertEquals(HsmException.Kind.KEY_NOT_FOUND, e.kind());
    e = assertThrows(HsmException.class, () -> key.decrypt(sealed, AAD));
    assertEquals(HsmException.Kind.KEY_NOT_FOUND, e.kind());
  }

  @Test
  void rotate_thenDestroyOldVersion_newVersionKeepsWorkingOldFails() throws Exception {
    Aead v1 = provider.createAesKey(new KeyRef("orders", 1));
    byte[] old = v1.encrypt(new byte[] {1}, AAD);
    Aead v2 = provider.createAesKey(new KeyRef("orders", 2));
    byte[] current = v2.encrypt(new byte[] {2}, AAD);

    provider.destroy(new KeyRef("orders", 1));

    assertArrayEquals(new byte[] {2}, v2.decrypt(current, AAD));
    assertEquals(1, sessionObjects("orders-v2").length);
    assertEquals(
        HsmException.Kind.KEY_NOT_FOUND,
        assertThrows(HsmException.class, () -> v1.decrypt(old, AAD)).kind());
    // A copy must not make the destroyed version count as present.
    assertEquals(java.util.List.of(2), provider.versions("orders"));
  }

  @Test
  void tokenKeyDestroyedByAnotherApplication_copyStopsWorkingAtTheRecheck() throws Exception {
    connection.copies().recheckEvery(0);
    Aead key = provider.createAesKey(new KeyRef("orders", 1));
    key.encrypt(new byte[] {7}, AAD);

    // Only the token object, as another process would (it cannot see our session objects).
    connection.call(
        "destroy",
        "orders-v1",
        t -> {
          t.destroyObject(connection.handle(t, CKO_SECRET_KEY, "orders-v1"));
          return null;
        });

    HsmException e = assertThrows(HsmException.class, () -> key.encrypt(new byte[] {8}, AAD));
    assertEquals(HsmException.Kind.KEY_NOT_FOUND, e.kind());
    assertEquals(0, sessionObjects("orders-v1").length);
    assertEquals(0, connection.copies().size());
  }

  @Test
  void sessionsClosedUnderneath_keyIsCopiedAgainAndKeepsWorking() throws Exception {
    Aead key = provider.createAesKey(new KeyRef("orders", 1));
    byte[] sealed = key.encrypt(new byte[] {5}, AAD);
    long slot = connection.call("slot", null, t -> t.getToken().getSlot().getSlotID());

    // Ends every session, and with them the copy; also logs the application out.
    connection.module().module().getPKCS11Module().C_CloseAllSessions(slot);

    assertArrayEquals(new byte[] {5}, key.decrypt(sealed, AAD));
    assertEquals(1, sessionObjects("orders-v1").length);
  }

  @Test
  void findByLabel_withASessionCopyPresent_findsTheTokenKeyOnly() throws Exception {
    Aead key = provider.createAesKey(new KeyRef("orders", 1));
    key.encrypt(new byte[] {1}, AAD);

    // Forget the cached token handle so createAesKey looks the key up by label again: it must find
    // the one token key, not the copy too ("more than one object labelled").
    connection.forget("orders-v1");
    Aead again = provider.createAesKey(new KeyRef("orders", 1));

    assertArrayEquals(new byte[] {1}, again.decrypt(key.encrypt(new byte[] {1}, AAD), AAD));
  }

  @Test
  void encrypt_keyThatMayNotBeCopied_usesTheTokenKey() throws Exception {
    // An operator's key, not copyable: the token refuses C_CopyObject (CKR_ACTION_PROHIBITED).
    connection.call(
        "generate",
        "fixed-v1",
        t ->
            t.generateKey(
                new Mechanism(CKM_AES_KEY_GEN),
                Pkcs11Templates.dataKey("fixed-v1").copyable(false)));
    Aead key = provider.aesKey(new KeyRef("fixed", 1));

    byte[] sealed = key.encrypt(new byte[] {3}, AAD);

    assertArrayEquals(new byte[] {3}, key.decrypt(sealed, AAD));
    assertEquals(0, sessionObjects("fixed-v1").length);
    provider.destroy(new KeyRef("fixed", 1));
    assertEquals(
        HsmException.Kind.KEY_NOT_FOUND,
        assertThrows(HsmException.class, () -> key.decrypt(sealed, AAD)).kind());
  }
}
