package org.keyward.engine.transit;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.keyward.http.ApiError;

/**
 * Signs and verifies with the JDK's {@link Signature} for the transit signature types: ECDSA P-256
 * (ASN.1 DER or JWS/P1363 encoding), Ed25519 (pure), and RSA (PSS or PKCS#1 v1.5). Keys arrive
 * encoded (PKCS#8 private, X.509 public). Stateless and thread-safe.
 */
final class AsymmetricSigner {
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private AsymmetricSigner() {}

  /**
   * How to sign: Vault's {@code hash_algorithm}, {@code prehashed}, {@code signature_algorithm}
   * ({@code pss} default, or {@code pkcs1v15}), {@code marshaling_algorithm} ({@code asn1} or
   * {@code jws}) and the PSS salt length in bytes.
   */
  record Options(HashAlgorithm hash, boolean prehashed, boolean pss, boolean jws, int saltLength) {
    static Options defaults() {
      return new Options(HashAlgorithm.SHA2_256, false, true, false, 32);
    }
  }

  static byte[] sign(KeyType type, byte[] pkcs8, byte[] input, Options options) {
    try {
      Signature s = signature(type, options);
      s.initSign(privateKey(type, pkcs8));
      s.update(input);
      byte[] sig = s.sign();
      return type == KeyType.ECDSA_P256 && options.jws()
          ? EcdsaSignatureFormat.derToP1363(sig)
          : sig;
    } catch (InvalidKeyException | SignatureException e) {
      throw new IllegalStateException("signing failed for " + type.wireName(), e);
    }
  }

  /** False for a signature that is wrong or malformed; never throws for bad input. */
  static boolean verify(
      KeyType type, byte[] x509, byte[] input, byte[] signatureBytes, Options options) {
    byte[] canonical = canonical(type, signatureBytes, options);
    if (canonical == null) {
      return false;
    }
    try {
      Signature s = signature(type, options);
      s.initVerify(publicKey(type, x509));
      s.update(input);
      return s.verify(canonical);
    } catch (InvalidKeyException | SignatureException e) {
      return false;
    }
  }

  // The JDK verifiers accept some malformed encodings (BER integers, trailing bytes on Ed25519);
  // refuse them first so a signature has exactly one accepted form.
  private static byte[] canonical(KeyType type, byte[] sig, Options o) {
    switch (type) {
      case ECDSA_P256:
        if (o.jws()) {
          return EcdsaSignatureFormat.p1363ToDer(sig);
        }
        return EcdsaSignatureFormat.isStrictDer(sig) ? sig : null;
      case ED25519:
        return sig.length == 64 ? sig : null;
      default:
        return sig;
    }
  }

  private static Signature signature(KeyType type, Options o) {
    try {
      switch (type) {
        case ECDSA_P256:
          {
            String digest = o.prehashed() ? "NONE" : jcaDigest(o.hash());
            // Bouncy Castle, not SunEC: JDK 17 rejects valid signatures whose k*G has x >= n
            // (Wycheproof "large x-coordinate").
            return Signature.getInstance(digest + "withECDSA", BOUNCY_CASTLE);
          }
        case ED25519:
          if (o.prehashed()) {
            throw ApiError.badRequest("prehashed is not supported for ed25519 keys");
          }
          return Signature.getInstance("Ed25519");
        case RSA_2048:
        case RSA_3072:
          if (o.prehashed()) {
            throw ApiError.badRequest("prehashed is not supported for rsa keys");
          }
          if (!o.pss()) {
            return Signature.getInstance(jcaDigest(o.hash()) + "withRSA");
          }
          Signature pss = Signature.getInstance("RSASSA-PSS");
          String d = o.hash().jdkDigest();
          pss.setParameter(
              new PSSParameterSpec(d, "MGF1", new MGF1ParameterSpec(d), o.saltLength(), 1));
          return pss;
        default:
          throw ApiError.badRequest("key type " + type.wireName() + " does not support signing");
      }
    } catch (InvalidAlgorithmParameterException e) {
      throw ApiError.badRequest("unsupported signature parameters");
    } catch (GeneralSecurityException e) {
      throw ApiError.badRequest(
          "unsupported hash algorithm " + o.hash().wireName() + " for " + type.wireName());
    }
  }

  private static String jcaDigest(HashAlgorithm hash) {
    String d = hash.jdkDigest();
    return d.startsWith("SHA3") ? d : d.replace("-", "");
  }

  private static PrivateKey privateKey(KeyType type, byte[] pkcs8) {
    try {
      return KeyFactory.getInstance(keyAlgorithm(type))
          .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored private key unreadable", e);
    }
  }

  static PublicKey publicKey(KeyType type, byte[] x509) throws InvalidKeyException {
    try {
      return KeyFactory.getInstance(keyAlgorithm(type))
          .generatePublic(new X509EncodedKeySpec(x509));
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException("public key unreadable", e);
    }
  }

  private static String keyAlgorithm(KeyType type) {
    switch (type) {
      case ECDSA_P256:
        return "EC";
      case ED25519:
        return "Ed25519";
      default:
        return "RSA";
    }
  }
}
