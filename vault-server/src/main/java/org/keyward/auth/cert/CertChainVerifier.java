package org.keyward.auth.cert;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the chain a client presented on its TLS connection (leaf first) is trusted by a
 * role's certificate. The leaf is always {@code chain.get(0)}: no other certificate of the chain is
 * ever matched against names or pins (Vault's CVE-2024-2048 / CVE-2025-6037 came from matching a
 * certificate other than the one that made the connection).
 *
 * <ul>
 *   <li>CA role certificate: the JDK's PKIX validator with the role certificate as the only trust
 *       anchor, at {@code now}; a copy of the anchor in the presented chain is dropped first. A
 *       chain that is only the anchor itself is refused (an empty path would trivially validate).
 *   <li>Any other role certificate is pinned: the leaf's full DER must equal it, and be valid now.
 *   <li>Either way, a leaf with an extended key usage extension must list clientAuth.
 * </ul>
 *
 * Revocation (CRL, OCSP) is not checked yet. Stateless and thread-safe.
 */
final class CertChainVerifier {
  static final String CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";

  private CertChainVerifier() {}

  static boolean trusts(CertRole role, List<X509Certificate> chain, Instant now) {
    if (chain.isEmpty()) {
      return false;
    }
    X509Certificate leaf = chain.get(0);
    X509Certificate trusted = role.certificate();
    if (!allowsClientAuth(leaf)) {
      return false;
    }
    try {
      leaf.checkValidity(Date.from(now));
      if (trusted.getBasicConstraints() < 0) {
        return Arrays.equals(leaf.getEncoded(), trusted.getEncoded());
      }
      return validatesToAnchor(chain, trusted, now);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean validatesToAnchor(
      List<X509Certificate> chain, X509Certificate anchor, Instant now)
      throws GeneralSecurityException {
    byte[] anchorDer = anchor.getEncoded();
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate c : chain) {
      if (Arrays.equals(c.getEncoded(), anchorDer)) {
        break;
      }
      path.add(c);
    }
    if (path.isEmpty()) {
      return false;
    }
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(now));
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    return true;
  }

  private static boolean allowsClientAuth(X509Certificate leaf) {
    try {
      List<String> eku = leaf.getExtendedKeyUsage();
      return eku == null || eku.contains(CLIENT_AUTH_EKU);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  /** The leaf's DER, for fingerprints. */
  static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("peer certificate cannot be encoded", e);
    }
  }
}
