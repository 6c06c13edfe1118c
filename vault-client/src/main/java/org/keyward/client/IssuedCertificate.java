package org.keyward.client;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate issued by the PKI engine with the private key it made for it (held in memory only;
 * {@code toString()} shows the subject and serial, never the key), and the issuing CA chain.
 */
public record IssuedCertificate(
    X509Certificate certificate,
    List<X509Certificate> caChain,
    PrivateKey privateKey,
    String serialNumber) {
  public IssuedCertificate {
    caChain = List.copyOf(caChain);
  }

  /** The certificate followed by its CA chain, as a TLS endpoint presents it. */
  public List<X509Certificate> chain() {
    List<X509Certificate> out = new java.util.ArrayList<>();
    out.add(certificate);
    out.addAll(caChain);
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "IssuedCertificate["
        + certificate.getSubjectX500Principal().getName()
        + ", serial "
        + serialNumber
        + ", private key REDACTED]";
  }
}
