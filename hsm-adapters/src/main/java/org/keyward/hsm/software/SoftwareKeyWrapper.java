package org.keyward.hsm.software;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.KeyWrapper;

/** RFC 5649 key wrap with the JDK's {@code AES/KWP/NoPadding} under a file KEK. */
final class SoftwareKeyWrapper implements KeyWrapper {
  private final KeyRef ref;
  private final SecretKeySpec kek;

  SoftwareKeyWrapper(KeyRef ref, byte[] kekBytes) {
    this.ref = ref;
    this.kek = new SecretKeySpec(kekBytes, "AES");
  }

  @Override
  public KeyRef ref() {
    return ref;
  }

  @Override
  public byte[] wrap(byte[] keyBytes) throws HsmException {
    if (keyBytes == null || keyBytes.length == 0 || keyBytes.length % 8 != 0) {
      // Same rule as the PKCS#11 wrapper, so both providers accept the same inputs.
      throw new IllegalArgumentException("key length must be a positive multiple of 8 bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, kek);
      return cipher.doFinal(keyBytes);
    } catch (GeneralSecurityException e) {
      throw new HsmException(HsmException.Kind.FAILED, "wrap failed, key '" + ref + "'", e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped) throws HsmException {
    try {
      Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, kek);
      return cipher.doFinal(wrapped);
    } catch (GeneralSecurityException e) {
      throw new HsmException(
          HsmException.Kind.INTEGRITY, "unwrap failed, key '" + ref + "': not authentic", e);
    }
  }
}
