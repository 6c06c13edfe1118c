package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.util.ArrayList;
import java.util.List;
import org.keyward.hsm.HsmException;
import org.xipki.pkcs11.wrapper.AttributeVector;

/**
 * Test-only look into a token through a provider: object labels and a secret key's protection
 * attributes, so tests outside this package (the server's) can show what lives in the HSM.
 */
public final class Pkcs11Inspection {
  private Pkcs11Inspection() {}

  /** The label of every object the logged-in user can see. */
  public static List<String> labels(Pkcs11KeyProvider provider) throws HsmException {
    TokenConnection c = provider.connection();
    return c.call(
        "find",
        null,
        t -> {
          List<String> out = new ArrayList<>();
          for (long handle : t.findAllObjects(new AttributeVector())) {
            out.add(t.getAttrValues(handle, CKA_LABEL).label());
          }
          return out;
        });
  }

  /**
   * CKA_TOKEN, CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_ALWAYS_SENSITIVE, CKA_NEVER_EXTRACTABLE,
   * CKA_ENCRYPT, CKA_DECRYPT, CKA_WRAP, CKA_UNWRAP, CKA_SIGN, CKA_DERIVE, CKA_VALUE_LEN of the
   * secret key {@code label}.
   */
  public static AttributeVector secretKeyAttributes(Pkcs11KeyProvider provider, String label)
      throws HsmException {
    TokenConnection c = provider.connection();
    return c.call(
        "read",
        label,
        t ->
            t.getAttrValues(
                c.handle(t, CKO_SECRET_KEY, label),
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
  }

  /** The key's CKA_VALUE, or null when the token refuses to reveal it (as it must). */
  public static byte[] secretValueOrNull(Pkcs11KeyProvider provider, String label) {
    TokenConnection c = provider.connection();
    return valueOrNull(c, label, t -> c.handle(t, CKO_SECRET_KEY, label));
  }

  /** CKA_VALUE of the object {@code handle} (e.g. a session copy), or null when refused. */
  static byte[] valueOrNull(TokenConnection c, long handle) {
    return valueOrNull(c, "handle " + handle, t -> handle);
  }

  private static byte[] valueOrNull(
      TokenConnection c, String what, TokenConnection.Call<Long> handle) {
    try {
      return c.call("read", what, t -> t.getAttrValues(handle.apply(t), CKA_VALUE).value());
    } catch (HsmException e) {
      if (e.getMessage().contains("CKR_ATTRIBUTE_SENSITIVE")) {
        return null;
      }
      throw new IllegalStateException("reading CKA_VALUE of " + what + " failed otherwise", e);
    }
  }
}
