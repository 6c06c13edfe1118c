package org.keyward.engine.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;

/**
 * Builds the mount's CRL (v2, RFC 5280) with Bouncy Castle: every revoked certificate with its
 * revocation time, the CRL number and the issuer's AKI, signed by the CA key in custody. Blocks on
 * the signature: call on a worker thread only.
 */
final class CrlBuilder {
  private CrlBuilder() {}

  static byte[] build(
      IssuerRecord issuer,
      CaKey key,
      List<IssuedCertificate> revoked,
      long number,
      Instant now,
      Duration expiry) {
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
            Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(expiry)));
    for (IssuedCertificate entry : revoked) {
      builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), CRLReason.unspecified);
    }
    try {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(CaCertificates.subjectKeyId(issuer.certificate())));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
      return builder.build(new CaKeyContentSigner(key)).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
