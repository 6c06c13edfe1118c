package org.keyward.barrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.keyward.barrier.TestVault.utf8;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.hsm.KeyRef;

class KeyringTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void decrypt_withOtherAssociatedData_fails() throws Exception {
    Keyring k = Keyring.generate(T0);
    byte[] ct = k.encrypt(utf8("secret"), utf8("logical/a"));

    assertArrayEquals(utf8("secret"), k.decrypt(ct, utf8("logical/a")));
    assertThrows(GeneralSecurityException.class, () -> k.decrypt(ct, utf8("logical/b")));
  }

  @Test
  void rotate_thenRetire_dropsOldTermAndItsEntries() throws Exception {
    Keyring k1 = Keyring.generate(T0);
    byte[] old = k1.encrypt(utf8("one"), utf8("a"));
    Keyring k2 = k1.rotate(T0.plusSeconds(60));

    assertEquals(2, k2.primary().term());
    assertEquals(1, k2.termOf(old).term());
    assertArrayEquals(utf8("one"), k2.decrypt(old, utf8("a")));

    Keyring k3 = k2.retireOlderTerms();

    assertEquals(List.of(k2.primary()), k3.terms());
    assertNull(k3.termOf(old));
    assertThrows(GeneralSecurityException.class, () -> k3.decrypt(old, utf8("a")));
  }

  @Test
  void keyringRow_withEditedTerms_failsToUnwrap() throws Exception {
    Aead kek =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get())
            .getPrimitive(AeadConfig2026.get(), Aead.class);
    Keyring k = Keyring.generate(T0).rotate(T0.plusSeconds(1));
    KeyringRow row = KeyringRow.parse(KeyringRow.wrap(k, new KeyRef("kek", 1), kek).toBytes());
    assertEquals(k.terms(), row.unwrap(kek).terms());

    KeyringRow edited =
        new KeyringRow(
            row.kek(),
            row.wrappedKeyset(),
            List.of(row.terms().get(0), new KeyringTerm(9, row.terms().get(1).keyId(), T0)));

    assertThrows(GeneralSecurityException.class, () -> edited.unwrap(kek));
  }

  @Test
  void recoveryRow_opensOnlyWithItsPrivateKey() throws Exception {
    Keyring k = Keyring.generate(T0);
    KeysetHandle recovery = RecoveryRow.newRecoveryKey();
    RecoveryRow row =
        RecoveryRow.parse(RecoveryRow.seal(RecoveryRow.publicKeysetOf(recovery), k).toBytes());
    byte[] ct = k.encrypt(utf8("x"), utf8("a"));

    Keyring opened = row.open(RecoveryRow.serializePrivate(recovery));

    assertArrayEquals(utf8("x"), opened.decrypt(ct, utf8("a")));
    byte[] other = RecoveryRow.serializePrivate(RecoveryRow.newRecoveryKey());
    assertThrows(GeneralSecurityException.class, () -> row.open(other));
  }

  @Test
  void keyringRow_malformed_isIntegrityFailure() {
    assertThrows(BarrierIntegrityException.class, () -> KeyringRow.parse(utf8("{\"format\":1}")));
  }
}
