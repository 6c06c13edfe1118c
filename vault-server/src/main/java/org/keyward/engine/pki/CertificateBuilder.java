package org.keyward.engine.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Builds RFC 5280 certificates with Bouncy Castle and has them signed by a {@link CaKey}: critical
 * basic constraints (CA:FALSE for leaves, CA:TRUE with optional path length for CAs), critical key
 * usage (digitalSignature, plus keyEncipherment for RSA leaves; keyCertSign and cRLSign for CAs),
 * extended key usage, SKI, AKI from the issuer's SKI, SANs and a random 128-bit serial. Blocks on
 * the CA signature: call on a worker thread only.
 */
final class CertificateBuilder {
  private CertificateBuilder() {}

  /**
   * @param issuer the issuing CA's certificate, or null for a self-signed root (then {@code signer}
   *     must hold {@code subjectKey}'s private half)
   */
  static X509Certificate build(
      CertificateProfile profile, PublicKey subjectKey, X509Certificate issuer, CaKey signer) {
    return build(profile, subjectKey, issuer, signer, PkiUrls.NONE);
  }

  /**
   * As above, naming {@code urls} in the certificate: AIA (caIssuers, OCSP) and CRL distribution
   * points, each extension only when it has entries.
   */
  static X509Certificate build(
      CertificateProfile profile,
      PublicKey subjectKey,
      X509Certificate issuer,
      CaKey signer,
      PkiUrls urls) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(subjectKey);
      X500Name issuerName =
          issuer == null
              ? profile.subject()
              : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
      byte[] issuerKeyId =
          issuer == null ? ski.getKeyIdentifier() : CaCertificates.subjectKeyId(issuer);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              SerialNumbers.random(),
              Date.from(profile.notBefore()),
              Date.from(profile.notAfter()),
              profile.subject(),
              subjectKey);
      builder.addExtension(Extension.subjectKeyIdentifier, false, ski);
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
      if (profile.ca()) {
        builder.addExtension(
            Extension.basicConstraints,
            true,
            profile.pathLength() >= 0
                ? new BasicConstraints(profile.pathLength())
                : new BasicConstraints(true));
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        int usage =
            KeyUsage.digitalSignature
                | (subjectKey instanceof RSAPublicKey ? KeyUsage.keyEncipherment : 0);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        if (!profile.keyPurposes().isEmpty()) {
          builder.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(profile.keyPurposes().toArray(KeyPurposeId[]::new)));
        }
      }
      addLocations(builder, urls);
      GeneralNames sans = subjectAltNames(profile);
      if (sans != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, sans);
      }
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new CaKeyContentSigner(signer)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("certificate could not be built", e);
    }
  }

  private static void addLocations(X509v3CertificateBuilder builder, PkiUrls urls)
      throws IOException {
    List<AccessDescription> access = new ArrayList<>();
    urls.issuingCertificates()
        .forEach(u -> access.add(new AccessDescription(AccessDescription.id_ad_caIssuers, uri(u))));
    urls.ocspServers()
        .forEach(u -> access.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri(u))));
    if (!access.isEmpty()) {
      builder.addExtension(
          Extension.authorityInfoAccess,
          false,
          new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
    }
    if (!urls.crlDistributionPoints().isEmpty()) {
      DistributionPoint[] points =
          urls.crlDistributionPoints().stream()
              .map(
                  u ->
                      new DistributionPoint(
                          new DistributionPointName(new GeneralNames(uri(u))), null, null))
              .toArray(DistributionPoint[]::new);
      builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
    }
  }

  private static GeneralName uri(String url) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, url);
  }

  private static GeneralNames subjectAltNames(CertificateProfile profile) {
    List<GeneralName> names = new ArrayList<>();
    profile.dnsNames().forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    profile.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
  }
}
