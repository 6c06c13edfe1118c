package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;

import com.google.crypto.tink.Aead;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;
import org.keyward.hsm.testing.SoftHsmToken;

/**
 * The module is finalized underneath the provider (C_Finalize, as when a PKCS#11 library or HSM
 * client resets): every session, login and handle is gone. Calls must fail fast with UNAVAILABLE,
 * then work again after the provider reconnects, with no restart.
 */
class Pkcs11ReconnectIT {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private Pkcs11KeyProvider provider;

  @BeforeEach
  void open() throws Exception {
    provider = SoftHsmToken.create().open(4, (op, nanos, ok) -> calls.add(op + ":" + ok));
  }

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void decrypt_afterModuleFinalizedUnderneath_failsUnavailableThenWorksAfterPing()
      throws Exception {
    Aead kek = provider.createKek(new KeyRef("kek", 1));
    byte[] sealed = kek.encrypt(new byte[] {7}, null);

    provider.connection().module().module().finalize(null);

    HsmException e = assertThrows(HsmException.class, () -> kek.decrypt(sealed, null));
    assertEquals(HsmException.Kind.UNAVAILABLE, e.kind());
    assertTrue(e.getMessage().contains("CKR_CRYPTOKI_NOT_INITIALIZED"), e.getMessage());
    assertTrue(e.getMessage().contains("kek-v1"), e.getMessage());

    provider.ping();
    assertArrayEquals(new byte[] {7}, kek.decrypt(sealed, null));
    assertTrue(calls.contains("login:true"), calls.toString());
    assertTrue(calls.contains("decrypt:false"), calls.toString());
  }

  @Test
  void sign_afterModuleFinalizedUnderneath_reconnectsOnNextCall() throws Exception {
    CaSigner signer = provider.createSigner(new KeyRef("ca", 1), SigningAlgorithm.EC_P256);
    signer.sign(new byte[] {1});

    provider.connection().module().module().finalize(null);

    HsmException e = assertThrows(HsmException.class, () -> signer.sign(new byte[] {2}));
    assertEquals(HsmException.Kind.UNAVAILABLE, e.kind());
    // No ping: the next call itself reconnects and re-resolves the key handle.
    byte[] signature = signer.sign(new byte[] {3});
    java.security.Signature v = java.security.Signature.getInstance("SHA256withECDSA");
    v.initVerify(signer.publicKey());
    v.update(new byte[] {3});
    assertTrue(v.verify(signature));
  }

  @Test
  void encrypt_afterSessionsClosedUnderneath_recoversWithoutError() throws Exception {
    Aead kek = provider.createKek(new KeyRef("kek", 1));
    TokenConnection c = provider.connection();
    long slot = c.call("slot", null, t -> t.getToken().getSlot().getSlotID());
    // C_CloseAllSessions also logs the application out of the token.
    c.module().module().getPKCS11Module().C_CloseAllSessions(slot);
    byte[] sealed = kek.encrypt(new byte[] {9}, null);
    assertArrayEquals(new byte[] {9}, kek.decrypt(sealed, null));
  }
}
