package org.keyward.auth.cert;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * What a login reports about the leaf that made the TLS connection: the lockout key (SHA-256 of its
 * DER, so any change to the certificate is another identity) and Vault's token metadata.
 */
final class LeafIdentity {
  private LeafIdentity() {}

  static String fingerprint(X509Certificate leaf) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(CertChainVerifier.der(leaf)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** {@code cert_name}, {@code common_name}, {@code serial_number} (decimal, as Vault), key ids. */
  static Map<String, String> metadata(String roleName, X509Certificate leaf) {
    List<String> cns = rdnValues(leaf, BCStyle.CN);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cert_name", roleName);
    m.put("common_name", cns.isEmpty() ? "" : cns.get(0));
    m.put("serial_number", leaf.getSerialNumber().toString());
    m.put("subject_key_id", colonHex(subjectKeyId(leaf)));
    m.put("authority_key_id", colonHex(authorityKeyId(leaf)));
    return m;
  }

  static List<String> rdnValues(X509Certificate cert, ASN1ObjectIdentifier type) {
    X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    List<String> out = new ArrayList<>();
    for (RDN rdn : subject.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(type)) {
          out.add(IETFUtils.valueToString(atv.getValue()));
        }
      }
    }
    return out;
  }

  private static byte[] subjectKeyId(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue("2.5.29.14");
    if (ext == null) {
      return new byte[0];
    }
    try {
      return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext))
          .getKeyIdentifier();
    } catch (IOException | IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static byte[] authorityKeyId(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue("2.5.29.35");
    if (ext == null) {
      return new byte[0];
    }
    try {
      byte[] id =
          AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext))
              .getKeyIdentifierOctets();
      return id == null ? new byte[0] : id;
    } catch (IOException | IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static String colonHex(byte[] bytes) {
    return HexFormat.ofDelimiter(":").formatHex(bytes);
  }
}
