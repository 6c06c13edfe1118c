package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_GENERIC_SECRET;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.KeyWrapper;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Token;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * RFC 5649 key wrap (CKM_AES_KEY_WRAP_PAD) under a KEK in the token. PKCS#11 wraps key objects, not
 * bytes, so the key is imported as a short-lived session object and wrapped; unwrapping makes an
 * extractable session object, reads its value and destroys it. Thread-safe and blocking.
 */
public final class Pkcs11KeyWrapper implements KeyWrapper {
  private final TokenConnection connection;
  private final KeyRef ref;
  private final String label;

  Pkcs11KeyWrapper(TokenConnection connection, KeyRef ref, String label) {
    this.connection = connection;
    this.ref = ref;
    this.label = label;
  }

  @Override
  public KeyRef ref() {
    return ref;
  }

  @Override
  public byte[] wrap(byte[] keyBytes) throws HsmException {
    if (keyBytes == null || keyBytes.length == 0 || keyBytes.length % 8 != 0) {
      // SoftHSM 2.6.1 wraps lengths that are not a multiple of 8 differently from RFC 5649
      // (found with the Wycheproof KWP vectors; it unwraps conformant blobs fine). AES and HMAC
      // keys are whole blocks, so refuse the rest rather than make blobs others cannot open.
      throw new IllegalArgumentException(
          "key length must be a positive multiple of 8 bytes, got "
              + (keyBytes == null ? 0 : keyBytes.length));
    }
    return connection.call(
        "wrap",
        label,
        t -> {
          long kek = connection.handle(t, CKO_SECRET_KEY, label);
          long session = t.createObject(sessionSecret().value(keyBytes));
          try {
            return t.wrapKey(new Mechanism(CKM_AES_KEY_WRAP_PAD), kek, session);
          } finally {
            destroyQuietly(t, session);
          }
        });
  }

  @Override
  public byte[] unwrap(byte[] wrapped) throws HsmException {
    if (wrapped == null || wrapped.length < 16 || wrapped.length % 8 != 0) {
      throw new HsmException(
          HsmException.Kind.INTEGRITY, "unwrap failed, key '" + label + "': malformed blob");
    }
    return connection.call(
        "unwrap",
        label,
        true,
        t -> {
          long kek = connection.handle(t, CKO_SECRET_KEY, label);
          long session =
              t.unwrapKey(new Mechanism(CKM_AES_KEY_WRAP_PAD), kek, wrapped, sessionSecret());
          try {
            return t.getAttrValues(session, CKA_VALUE).value();
          } finally {
            destroyQuietly(t, session);
          }
        });
  }

  /** A session-only, extractable generic secret: the shape of a key passing through. */
  private static AttributeVector sessionSecret() {
    return AttributeVector.newSecretKey(CKK_GENERIC_SECRET)
        .token(false)
        .private_(true)
        .sensitive(false)
        .extractable(true);
  }

  private static void destroyQuietly(PKCS11Token t, long handle) {
    try {
      t.destroyObject(handle);
    } catch (TokenException e) {
      // A session object also disappears when its session closes; nothing more to do.
    }
  }

  @Override
  public String toString() {
    return "Pkcs11KeyWrapper[" + label + "]";
  }
}
