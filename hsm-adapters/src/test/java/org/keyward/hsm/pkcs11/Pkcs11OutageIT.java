package org.keyward.hsm.pkcs11;

import static org.junit.jupiter.api.Assertions.*;

import com.google.crypto.tink.Aead;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;
import org.keyward.hsm.testing.SoftHsmToken;

/**
 * The token's storage disappears while the provider runs and comes back (SoftHSM's token directory
 * moved away and back, as a network HSM drops and returns): calls must fail UNAVAILABLE, never "key
 * not found" and never by making keys anew, and work again once the token is back, without a new
 * provider.
 */
class Pkcs11OutageIT {
  private static final long RETURN_DEADLINE_NANOS = 10_000_000_000L;

  private SoftHsmToken token;
  private Pkcs11KeyProvider provider;

  @BeforeEach
  void open() throws Exception {
    token = SoftHsmToken.create();
    provider = token.open(2, (op, nanos, ok) -> {});
  }

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void calls_whileTokenGone_failUnavailableThenWorkAfterItReturns() throws Exception {
    Aead kek = provider.createKek(new KeyRef("kek", 1));
    CaSigner signer = provider.createSigner(new KeyRef("ca", 1), SigningAlgorithm.EC_P256);
    byte[] sealed = kek.encrypt(new byte[] {7}, null);
    // The KEK's session copy lives in memory; the token's storage going away is noticed when the
    // copy's source is checked again (every second by default; here on every call).
    provider.connection().copies().recheckEvery(0);

    token.unplug();
    try {
      assertUnavailable(() -> kek.decrypt(sealed, null));
      assertUnavailable(() -> kek.encrypt(new byte[] {1}, null));
      assertUnavailable(() -> signer.sign(new byte[] {1}));
      assertUnavailable(() -> provider.versions("kek"));
      assertUnavailable(() -> provider.createKek(new KeyRef("kek", 2)));
      assertUnavailable(() -> provider.kek(new KeyRef("kek", 1)));
    } finally {
      token.plugBack();
    }

    long deadline = System.nanoTime() + RETURN_DEADLINE_NANOS;
    while (true) {
      try {
        provider.ping();
        break;
      } catch (HsmException e) {
        assertEquals(HsmException.Kind.UNAVAILABLE, e.kind(), e.getMessage());
        assertTrue(System.nanoTime() < deadline, "token not back within 10 s: " + e.getMessage());
        awaitBackoff();
      }
    }
    assertArrayEquals(new byte[] {7}, kek.decrypt(sealed, null));
    byte[] signature = signer.sign(new byte[] {3});
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(signer.publicKey());
    v.update(new byte[] {3});
    assertTrue(v.verify(signature));
    // Nothing was made while the token was away.
    assertEquals(List.of(1), provider.versions("kek"));
  }

  @Test
  void open_afterTokenReturnedWhileModuleHeldByAnother_findsIt() throws Exception {
    SoftHsmToken other = SoftHsmToken.create();
    other.unplug();
    try {
      HsmException e = assertThrows(HsmException.class, other::open);
      assertNotEquals(HsmException.Kind.LOGIN_FAILED, e.kind(), e.getMessage());
    } finally {
      other.plugBack();
    }
    // This class's provider keeps the module initialised since before the token came back.
    try (Pkcs11KeyProvider reopened = other.open()) {
      reopened.ping();
    }
    provider.ping();
  }

  private interface HsmCall {
    void run() throws Exception;
  }

  private static void assertUnavailable(HsmCall call) {
    HsmException e = assertThrows(HsmException.class, call::run);
    assertEquals(HsmException.Kind.UNAVAILABLE, e.kind(), e.getMessage());
  }

  /** Waits out part of the provider's reconnect backoff without a timed assertion. */
  private static void awaitBackoff() throws InterruptedException {
    Object pause = new Object();
    synchronized (pause) {
      pause.wait(100);
    }
  }
}
