package org.keyward.engine.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate issued from a role together with the key pair Keyward made for it. The private key
 * exists only in this object's memory (it is never stored); {@link #toString()} leaves it out.
 */
public final class IssuedKeyPair {
  private final X509Certificate certificate;
  private final List<X509Certificate> issuerChain;
  private final KeyPair keyPair;
  private final CaKeyType keyType;

  IssuedKeyPair(
      X509Certificate certificate,
      List<X509Certificate> issuerChain,
      KeyPair keyPair,
      CaKeyType keyType) {
    this.certificate = certificate;
    this.issuerChain = List.copyOf(issuerChain);
    this.keyPair = keyPair;
    this.keyType = keyType;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The issuing CA and its parents, nearest first. */
  public List<X509Certificate> issuerChain() {
    return issuerChain;
  }

  /** The private key; whoever calls this holds it in memory only. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  KeyPair keyPair() {
    return keyPair;
  }

  CaKeyType keyType() {
    return keyType;
  }

  @Override
  public String toString() {
    return "IssuedKeyPair[serial="
        + SerialNumbers.colon(certificate.getSerialNumber())
        + ", private key REDACTED]";
  }
}
