package org.keyward.engine.transit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import org.keyward.http.ApiError;

/** The key types transit serves, by Vault's wire name, and what each can do. */
public enum KeyType {
  AES128_GCM96("aes128-gcm96", Family.AEAD, 16),
  AES256_GCM96("aes256-gcm96", Family.AEAD, 32),
  CHACHA20_POLY1305("chacha20-poly1305", Family.AEAD, 32),
  ECDSA_P256("ecdsa-p256", Family.SIGNATURE, 256),
  ED25519("ed25519", Family.SIGNATURE, 255),
  RSA_2048("rsa-2048", Family.SIGNATURE, 2048),
  RSA_3072("rsa-3072", Family.SIGNATURE, 3072),
  HMAC("hmac", Family.MAC, 32);

  enum Family {
    AEAD,
    SIGNATURE,
    MAC
  }

  private final String wireName;
  private final Family family;
  private final int size;

  KeyType(String wireName, Family family, int size) {
    this.wireName = wireName;
    this.family = family;
    this.size = size;
  }

  public String wireName() {
    return wireName;
  }

  /** 400 naming the field when {@code name} is not a supported type. */
  public static KeyType fromWire(String name) {
    for (KeyType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw ApiError.badRequest("unknown key type '" + name + "'");
  }

  public boolean isAead() {
    return family == Family.AEAD;
  }

  public boolean supportsSigning() {
    return family == Family.SIGNATURE;
  }

  public boolean isAsymmetric() {
    return family == Family.SIGNATURE;
  }

  public boolean isRsa() {
    return this == RSA_2048 || this == RSA_3072;
  }

  /** Symmetric key length in bytes (AEAD and HMAC types). */
  int symmetricKeyBytes() {
    return size;
  }

  /** A fresh key version's material: a random symmetric key, or a new key pair. */
  KeyVersion generate(long creationTime, SecureRandom random) {
    byte[] hmacKey = new byte[32];
    random.nextBytes(hmacKey);
    if (!isAsymmetric()) {
      byte[] key = new byte[size];
      random.nextBytes(key);
      return new KeyVersion(creationTime, key, hmacKey, null);
    }
    KeyPair pair = generatePair(random);
    return new KeyVersion(
        creationTime, pair.getPrivate().getEncoded(), hmacKey, pair.getPublic().getEncoded());
  }

  private KeyPair generatePair(SecureRandom random) {
    try {
      KeyPairGenerator generator;
      switch (this) {
        case ECDSA_P256:
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"), random);
          break;
        case ED25519:
          generator = KeyPairGenerator.getInstance("Ed25519");
          generator.initialize(255, random);
          break;
        default:
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(new RSAKeyGenParameterSpec(size, RSAKeyGenParameterSpec.F4), random);
          break;
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks key generation for " + wireName, e);
    }
  }
}
