package org.keyward.engine.transit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keyward.http.ApiError;

/** The hash algorithms of Vault's {@code hash_algorithm} / {@code algorithm} fields. */
enum HashAlgorithm {
  SHA2_224("sha2-224", "SHA-224", "HmacSHA224"),
  SHA2_256("sha2-256", "SHA-256", "HmacSHA256"),
  SHA2_384("sha2-384", "SHA-384", "HmacSHA384"),
  SHA2_512("sha2-512", "SHA-512", "HmacSHA512"),
  SHA3_224("sha3-224", "SHA3-224", "HmacSHA3-224"),
  SHA3_256("sha3-256", "SHA3-256", "HmacSHA3-256"),
  SHA3_384("sha3-384", "SHA3-384", "HmacSHA3-384"),
  SHA3_512("sha3-512", "SHA3-512", "HmacSHA3-512");

  private final String wireName;
  private final String jdkDigest;
  private final String jdkMac;

  HashAlgorithm(String wireName, String jdkDigest, String jdkMac) {
    this.wireName = wireName;
    this.jdkDigest = jdkDigest;
    this.jdkMac = jdkMac;
  }

  String wireName() {
    return wireName;
  }

  /** JDK digest name, e.g. {@code SHA-256}, for signature and PSS parameters. */
  String jdkDigest() {
    return jdkDigest;
  }

  /** 400 naming the value when unknown; {@code null} gives the default sha2-256. */
  static HashAlgorithm fromWire(String name) {
    if (name == null || name.isEmpty()) {
      return SHA2_256;
    }
    for (HashAlgorithm a : values()) {
      if (a.wireName.equals(name)) {
        return a;
      }
    }
    throw ApiError.badRequest("unsupported hash algorithm '" + name + "'");
  }

  byte[] digest(byte[] input) {
    try {
      return MessageDigest.getInstance(jdkDigest).digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + jdkDigest, e);
    }
  }

  byte[] hmac(byte[] key, byte[] input) {
    try {
      Mac mac = Mac.getInstance(jdkMac);
      mac.init(new SecretKeySpec(key, jdkMac));
      return mac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks " + jdkMac, e);
    }
  }
}
