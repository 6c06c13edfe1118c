package org.keyward.ha;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The headers a standby adds when it forwards a request to the active: the original client's TLS
 * certificate chain (base64 DER, comma-separated, leaf first) and address. The active believes them
 * only from a node ({@link NodeForwardedIdentity}); from anyone else they are dropped.
 */
final class ForwardedHeaders {
  static final String CLIENT_CERT = "X-Keyward-Forwarded-Client-Cert";
  static final String CLIENT_ADDRESS = "X-Keyward-Forwarded-For";

  private ForwardedHeaders() {}

  static String encode(List<X509Certificate> chain) {
    List<String> parts = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        parts.add(Base64.getEncoder().encodeToString(c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a peer certificate cannot be encoded", e);
      }
    }
    return String.join(",", parts);
  }

  /** The chain, or null when the header is malformed (then the request has no client chain). */
  static List<X509Certificate> decode(String header) {
    if (header.isEmpty()) {
      return List.of();
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> chain = new ArrayList<>();
      for (String part : header.split(",", 16)) {
        byte[] der = Base64.getDecoder().decode(part.trim());
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
      return List.copyOf(chain);
    } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
      return null;
    }
  }
}
