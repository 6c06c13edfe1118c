package org.keyward.engine.transit;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.keyward.http.ApiError;

/**
 * Key material as Vault's {@code export/<type>/<name>} returns it by default: raw base64 for
 * symmetric and HMAC keys, {@code RSA PRIVATE KEY} (PKCS#1) PEM for RSA, {@code EC PRIVATE KEY}
 * (SEC 1, with curve and public key) PEM for ECDSA, base64 of seed and public key (64 bytes) for
 * Ed25519 private keys, and the key read's public form for {@code public-key}. Only called for
 * exportable keys (or public keys); nothing here is logged.
 */
final class TransitKeyExport {
  private TransitKeyExport() {}

  /** Vault's export types. */
  enum Kind {
    ENCRYPTION_KEY("encryption-key"),
    SIGNING_KEY("signing-key"),
    HMAC_KEY("hmac-key"),
    PUBLIC_KEY("public-key");

    final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    static Kind fromWire(String name) {
      for (Kind k : values()) {
        if (k.wire.equals(name)) {
          return k;
        }
      }
      throw ApiError.badRequest("invalid export type: " + name);
    }
  }

  /** Refuses an export type the key's type cannot give, with Vault's messages. */
  static void checkSupported(Kind kind, KeyType type) {
    boolean ok =
        switch (kind) {
          case ENCRYPTION_KEY -> type.isAead() || type.isRsa();
          case SIGNING_KEY -> type.supportsSigning();
          case HMAC_KEY -> !type.isHsmResident();
          case PUBLIC_KEY -> type.isAsymmetric();
        };
    if (!ok) {
      throw ApiError.badRequest(
          switch (kind) {
            case ENCRYPTION_KEY -> "encryption not supported for the key";
            case SIGNING_KEY -> "signing not supported for the key";
            default -> "key type " + type.wireName() + " has no " + kind.wire;
          });
    }
  }

  static String encode(Kind kind, KeyType type, KeyVersion version) {
    switch (kind) {
      case HMAC_KEY:
        return b64(type == KeyType.HMAC ? version.key() : version.hmacKey());
      case PUBLIC_KEY:
        return type == KeyType.ED25519
            ? TransitKeyInfo.publicKey(type, version.publicKey())
            : pem("PUBLIC KEY", version.publicKey(), type.isRsa());
      default:
        if (type.isAead()) {
          return b64(version.key());
        }
        if (type.isRsa()) {
          return pem("RSA PRIVATE KEY", pkcs1(version.key()), true);
        }
        if (type == KeyType.ED25519) {
          byte[] pub = version.publicKey();
          byte[] seed = ed25519Seed(version.key());
          byte[] both = Arrays.copyOf(seed, 64);
          System.arraycopy(pub, pub.length - 32, both, 32, 32);
          return b64(both);
        }
        return pem("EC PRIVATE KEY", sec1(version.key(), version.publicKey()), false);
    }
  }

  private static byte[] pkcs1(byte[] pkcs8) {
    try {
      return PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("stored RSA key is not PKCS#8", e);
    }
  }

  /** SEC 1 ECPrivateKey with the named curve and the public point, as Go's x509 writes it. */
  private static byte[] sec1(byte[] pkcs8, byte[] x509) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
      ECPrivateKey key =
          (ECPrivateKey)
              KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      ASN1Primitive curve = info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive();
      DERBitString point =
          new DERBitString(SubjectPublicKeyInfo.getInstance(x509).getPublicKeyData().getOctets());
      BigInteger d = key.getS();
      return new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, point, curve).getEncoded();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("stored EC key is not PKCS#8", e);
    }
  }

  // PKCS#8 of an Ed25519 key ends with the 32-byte seed (RFC 8410 CurvePrivateKey).
  private static byte[] ed25519Seed(byte[] pkcs8) {
    try {
      byte[] inner = PrivateKeyInfo.getInstance(pkcs8).getPrivateKey().getOctets();
      byte[] seed = org.bouncycastle.asn1.ASN1OctetString.getInstance(inner).getOctets();
      if (seed.length != 32) {
        throw new IllegalStateException("Ed25519 seed is not 32 bytes");
      }
      return seed;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("stored Ed25519 key is not PKCS#8", e);
    }
  }

  private static String pem(String label, byte[] der, boolean trailingNewline) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    String text = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";
    return trailingNewline ? text + "\n" : text;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
