package org.keyward.engine.pki;

import org.keyward.http.ApiError;

/**
 * The key types Keyward makes for certificate authorities and issued certificates. EC P-256 is the
 * default; RSA-2048 is accepted only when asked for by its bits, as it is below 128-bit strength.
 */
public enum CaKeyType {
  EC_P256("ec", 256, "SHA256withECDSA"),
  EC_P384("ec", 384, "SHA384withECDSA"),
  RSA_3072("rsa", 3072, "SHA256withRSA"),
  RSA_2048("rsa", 2048, "SHA256withRSA");

  private final String keyType;
  private final int bits;
  private final String jcaSignatureAlgorithm;

  CaKeyType(String keyType, int bits, String jcaSignatureAlgorithm) {
    this.keyType = keyType;
    this.bits = bits;
    this.jcaSignatureAlgorithm = jcaSignatureAlgorithm;
  }

  /**
   * The type Vault's {@code key_type}/{@code key_bits} pair names; {@code bits} 0 means the default
   * of that type (P-256, RSA-3072). Fails with 400 naming the pair otherwise.
   */
  public static CaKeyType of(String keyType, long bits) {
    String type = keyType == null || keyType.isEmpty() ? "ec" : keyType;
    if (type.equals("ec")) {
      if (bits == 0 || bits == 256) {
        return EC_P256;
      }
      if (bits == 384) {
        return EC_P384;
      }
    } else if (type.equals("rsa")) {
      if (bits == 0 || bits == 3072) {
        return RSA_3072;
      }
      if (bits == 2048) {
        return RSA_2048;
      }
    } else {
      throw ApiError.badRequest("unsupported key_type '" + type + "': use ec or rsa");
    }
    throw ApiError.badRequest("unsupported key_bits " + bits + " for key_type " + type);
  }

  /** Vault's {@code key_type}: {@code ec} or {@code rsa}. */
  public String keyType() {
    return keyType;
  }

  /** Vault's {@code key_bits}: the curve size or the modulus size. */
  public int bits() {
    return bits;
  }

  public boolean isRsa() {
    return keyType.equals("rsa");
  }

  /** The JCA name of the signature a CA key of this type makes, e.g. {@code SHA256withECDSA}. */
  public String jcaSignatureAlgorithm() {
    return jcaSignatureAlgorithm;
  }
}
