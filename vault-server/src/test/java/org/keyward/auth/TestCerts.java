package org.keyward.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for login tests, made with Bouncy Castle: CAs, intermediates and leaves with chosen
 * names, dates, serials, keys and extended key usages. EC P-256 keys, so a test makes dozens in
 * milliseconds.
 */
public final class TestCerts {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestCerts() {}

  /** A certificate with its key pair; {@code chain} is leaf first, without the root. */
  public record Issued(X509Certificate cert, KeyPair keys, List<X509Certificate> chain) {
    public String certPem() {
      return pem(cert);
    }

    /** The leaf and its intermediates as PEM, as a TLS client presents them. */
    public String chainPem() {
      StringBuilder b = new StringBuilder();
      chain.forEach(c -> b.append(pem(c)));
      return b.toString();
    }

    /** PKCS#8 PEM of the private key. */
    public String keyPem() {
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(keys.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    }
  }

  /** What to put in a certificate; defaults: a fresh key, valid from an hour ago for a day. */
  public static final class Spec {
    String cn;
    final List<String> ous = new ArrayList<>();
    final List<String> extraCns = new ArrayList<>();
    final List<GeneralName> sans = new ArrayList<>();
    Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    Instant notAfter = Instant.now().plus(Duration.ofDays(1));
    BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
    KeyPair keys;
    boolean ca;
    KeyPurposeId eku = KeyPurposeId.id_kp_clientAuth;

    public Spec(String cn) {
      this.cn = cn;
    }

    public Spec ou(String ou) {
      ous.add(ou);
      return this;
    }

    /** A further CN attribute after the main one, as a look-alike might carry. */
    public Spec alsoCn(String cn) {
      extraCns.add(cn);
      return this;
    }

    public Spec dns(String name) {
      sans.add(new GeneralName(GeneralName.dNSName, name));
      return this;
    }

    public Spec email(String name) {
      sans.add(new GeneralName(GeneralName.rfc822Name, name));
      return this;
    }

    public Spec ip(String address) {
      sans.add(new GeneralName(GeneralName.iPAddress, address));
      return this;
    }

    public Spec validity(Instant from, Instant to) {
      notBefore = from;
      notAfter = to;
      return this;
    }

    public Spec serial(BigInteger value) {
      serial = value;
      return this;
    }

    public Spec keys(KeyPair value) {
      keys = value;
      return this;
    }

    /** Null for no EKU extension at all. */
    public Spec eku(KeyPurposeId value) {
      eku = value;
      return this;
    }

    public Spec ca() {
      ca = true;
      eku = null;
      return this;
    }
  }

  public static Issued rootCa(String cn) {
    return issue(new Spec(cn).ca(), null);
  }

  public static Issued intermediateCa(String cn, Issued parent) {
    return issue(new Spec(cn).ca(), parent);
  }

  public static Issued clientLeaf(String cn, Issued issuer) {
    return issue(new Spec(cn), issuer);
  }

  public static KeyPair ecKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Issues {@code spec} under {@code issuer}, or self-signed when it is null. */
  public static Issued issue(Spec spec, Issued issuer) {
    KeyPair keys = spec.keys != null ? spec.keys : ecKeys();
    X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
    spec.ous.forEach(ou -> nb.addRDN(BCStyle.OU, ou));
    nb.addRDN(BCStyle.CN, spec.cn);
    spec.extraCns.forEach(cn -> nb.addRDN(BCStyle.CN, cn));
    X500Name subject = nb.build();
    X500Name issuerName =
        issuer == null
            ? subject
            : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
    KeyPair signer = issuer == null ? keys : issuer.keys();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerName,
              spec.serial,
              Date.from(spec.notBefore),
              Date.from(spec.notAfter),
              subject,
              keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              spec.ca
                  ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                  : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(signer.getPublic()));
      if (spec.eku != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.eku));
      }
      if (!spec.sans.isEmpty()) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(spec.sans.toArray(new GeneralName[0])));
      }
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(cert);
      if (issuer != null && issuer.chain().size() > 0 && !isSelfSigned(issuer.cert())) {
        chain.addAll(issuer.chain());
      }
      return new Issued(cert, keys, List.copyOf(chain));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isSelfSigned(X509Certificate cert) {
    return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
  }
}
