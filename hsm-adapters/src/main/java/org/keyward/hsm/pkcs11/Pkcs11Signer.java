package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;
import org.xipki.pkcs11.wrapper.Mechanism;

/**
 * Signs with a private key that stays in the token. ECDSA hashes here and signs the digest with raw
 * CKM_ECDSA (SoftHSM has no CKM_ECDSA_SHA256), then DER-encodes {@code r || s}; RSA uses
 * CKM_SHA256_RSA_PKCS. Thread-safe and blocking.
 */
public final class Pkcs11Signer implements CaSigner {
  private final TokenConnection connection;
  private final KeyRef ref;
  private final SigningAlgorithm algorithm;
  private final PublicKey publicKey;

  Pkcs11Signer(
      TokenConnection connection, KeyRef ref, SigningAlgorithm algorithm, PublicKey publicKey) {
    this.connection = connection;
    this.ref = ref;
    this.algorithm = algorithm;
    this.publicKey = publicKey;
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
    String label = ref.label();
    return switch (algorithm) {
      case EC_P256 -> ecdsa(label, digest("SHA-256", data), 32);
      case EC_P384 -> ecdsa(label, digest("SHA-384", data), 48);
      case RSA_3072 ->
          connection.call(
              "sign",
              label,
              t ->
                  t.sign(
                      new Mechanism(CKM_SHA256_RSA_PKCS),
                      connection.handle(t, CKO_PRIVATE_KEY, label),
                      data));
    };
  }

  private byte[] ecdsa(String label, byte[] digest, int fieldBytes) throws HsmException {
    byte[] raw =
        connection.call(
            "sign",
            label,
            t ->
                t.sign(
                    new Mechanism(CKM_ECDSA),
                    connection.handle(t, CKO_PRIVATE_KEY, label),
                    digest));
    try {
      return EcdsaSignatures.rawToDer(raw, fieldBytes);
    } catch (IllegalArgumentException e) {
      throw new HsmException(
          HsmException.Kind.FAILED, "sign failed, key '" + label + "': " + e.getMessage());
    }
  }

  private static byte[] digest(String name, byte[] data) {
    try {
      return MessageDigest.getInstance(name).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " missing from the JDK", e);
    }
  }

  @Override
  public String toString() {
    return "Pkcs11Signer[" + ref.label() + ", " + algorithm + "]";
  }
}
