package org.keyward.engine.pki;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** Facts about CA certificates the engine needs when issuing under them. */
final class CaCertificates {
  private CaCertificates() {}

  /** The SKI extension's value, or one computed from the key if the certificate has none. */
  static byte[] subjectKeyId(X509Certificate certificate) {
    byte[] ext = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (ext != null) {
      return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
          .getKeyIdentifier();
    }
    try {
      return new JcaX509ExtensionUtils()
          .createSubjectKeyIdentifier(certificate.getPublicKey())
          .getKeyIdentifier();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 missing", e);
    }
  }

  /**
   * The path length a CA signed by {@code issuer} may have: {@code requested} if given (>= 0), else
   * one less than the issuer's limit, else unlimited (-1). 400 if the issuer may not sign CAs.
   */
  static int childPathLength(X509Certificate issuer, int requested) {
    int limit = issuer.getBasicConstraints();
    if (limit == Integer.MAX_VALUE || limit < 0) {
      return requested;
    }
    if (limit == 0) {
      throw org.keyward.http.ApiError.badRequest(
          "the issuer's path length constraint of 0 forbids signing intermediate CAs");
    }
    return requested >= 0 ? Math.min(requested, limit - 1) : limit - 1;
  }
}
