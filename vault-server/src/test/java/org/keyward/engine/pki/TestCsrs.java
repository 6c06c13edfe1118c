package org.keyward.engine.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate signing requests for tests: good ones, badly signed ones, weak keys. */
final class TestCsrs {
  private TestCsrs() {}

  static KeyPair ecKey() {
    return PkiWorker.generate(CaKeyType.EC_P256);
  }

  static KeyPair ed25519Key() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair rsaKey(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** A PEM CSR for {@code cn} with DNS SANs {@code dns}, signed by {@code key}. */
  static String csr(KeyPair key, String cn, String... dns) {
    return PemCodec.pem(request(key, key, cn, dns));
  }

  /** A CSR whose self-signature was made by another key than the one it carries. */
  static String badlySigned(String cn) {
    return PemCodec.pem(request(ecKey(), ecKey(), cn));
  }

  /** A CSR with one byte of its signature flipped. */
  static String tamperedSignature(String cn) {
    try {
      KeyPair key = ecKey();
      byte[] der = request(key, key, cn).getEncoded();
      der[der.length - 3] ^= 0x01;
      return "-----BEGIN CERTIFICATE REQUEST-----\n"
          + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
          + "\n-----END CERTIFICATE REQUEST-----\n";
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static PKCS10CertificationRequest request(
      KeyPair carried, KeyPair signer, String cn, String... dns) {
    try {
      JcaPKCS10CertificationRequestBuilder builder =
          new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), carried.getPublic());
      if (dns.length > 0) {
        List<GeneralName> names = new ArrayList<>();
        for (String d : dns) {
          names.add(new GeneralName(GeneralName.dNSName, d));
        }
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
        builder.addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      String algorithm =
          switch (signer.getPrivate().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> "SHA256withECDSA";
          };
      return builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
