package org.keyward.client;

import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate signed from a caller's CSR (the key never left the caller), with its CA chain. */
public record SignedCertificate(
    X509Certificate certificate, List<X509Certificate> caChain, String serialNumber) {
  public SignedCertificate {
    caChain = List.copyOf(caChain);
  }
}
