package org.keyward.hsm.software;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import org.keyward.hsm.HsmException;

/** Tink AES-256-GCM under a file key; failures become {@link HsmException}s like the HSM's. */
final class SoftwareAead implements Aead {
  private final String label;
  private final Aead tink;

  SoftwareAead(String label, Aead tink) {
    this.label = label;
    this.tink = tink;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws HsmException {
    try {
      return tink.encrypt(plaintext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new HsmException(HsmException.Kind.FAILED, "encrypt failed, key '" + label + "'", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws HsmException {
    try {
      return tink.decrypt(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new HsmException(
          HsmException.Kind.INTEGRITY, "decrypt failed, key '" + label + "': not authentic", e);
    }
  }
}
