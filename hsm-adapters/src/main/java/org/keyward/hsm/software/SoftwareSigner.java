package org.keyward.hsm.software;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;

/**
 * A JDK signing key from a file of three lines: algorithm, PKCS#8 private key and X.509 public key
 * (Base64). JDK ECDSA signatures are already DER.
 */
final class SoftwareSigner implements CaSigner {
  private final KeyRef ref;
  private final SigningAlgorithm algorithm;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private SoftwareSigner(
      KeyRef ref, SigningAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
    this.ref = ref;
    this.algorithm = algorithm;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A new key pair for {@code algorithm}, in the file format {@link #parse} reads. */
  static String generate(KeyRef ref, SigningAlgorithm algorithm) throws HsmException {
    try {
      KeyPairGenerator generator;
      if (algorithm == SigningAlgorithm.RSA_3072) {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
      } else {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(
            new ECGenParameterSpec(
                algorithm == SigningAlgorithm.EC_P256 ? "secp256r1" : "secp384r1"));
      }
      KeyPair pair = generator.generateKeyPair();
      Base64.Encoder b64 = Base64.getEncoder();
      return algorithm.name()
          + "\n"
          + b64.encodeToString(pair.getPrivate().getEncoded())
          + "\n"
          + b64.encodeToString(pair.getPublic().getEncoded())
          + "\n";
    } catch (GeneralSecurityException e) {
      throw new HsmException(HsmException.Kind.FAILED, "generate failed, key '" + ref + "'", e);
    }
  }

  static SoftwareSigner parse(KeyRef ref, String stored) throws HsmException {
    try {
      String[] lines = stored.strip().split("\n");
      SigningAlgorithm algorithm = SigningAlgorithm.valueOf(lines[0].strip());
      KeyFactory factory =
          KeyFactory.getInstance(algorithm == SigningAlgorithm.RSA_3072 ? "RSA" : "EC");
      Base64.Decoder b64 = Base64.getDecoder();
      return new SoftwareSigner(
          ref,
          algorithm,
          factory.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(lines[1].strip()))),
          factory.generatePublic(new X509EncodedKeySpec(b64.decode(lines[2].strip()))));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new HsmException(
          HsmException.Kind.FAILED, "key file of '" + ref + "' is unreadable", e);
    }
  }

  @Override
  public KeyRef ref() {
    return ref;
  }

  @Override
  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) throws HsmException {
    try {
      Signature signature = Signature.getInstance(algorithm.jcaName());
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new HsmException(HsmException.Kind.FAILED, "sign failed, key '" + ref + "'", e);
    }
  }

  @Override
  public String toString() {
    return "SoftwareSigner[" + ref + ", " + algorithm + "]";
  }
}
