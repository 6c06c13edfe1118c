package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.testing.Futures;

class CertificateBuilderTest {
  private CaKey caKey;
  private X509Certificate ca;

  @BeforeEach
  void makeCa() {
    caKey = Futures.await(new JdkCaKeyCustody().createKey("ca", CaKeyType.EC_P256));
    ca =
        CertificateBuilder.build(
            CertificateProfile.authority(
                CertificateProfile.subject("Test CA", List.of(), List.of(), List.of()),
                List.of(),
                List.of(),
                86400,
                1,
                Instant.now(),
                null),
            caKey.publicKey(),
            null,
            caKey);
  }

  @Test
  void build_ca_hasCriticalBasicConstraintsWithPathLenAndCertSignUsage() throws Exception {
    assertEquals(1, ca.getBasicConstraints());
    assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
    boolean[] usage = ca.getKeyUsage();
    assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
    ca.verify(caKey.publicKey());
  }

  @Test
  void build_rsaLeaf_hasKeyEnciphermentAkiAndSans() throws Exception {
    X509Certificate leaf =
        CertificateBuilder.build(leafProfile(), TestCsrs.rsaKey(2048).getPublic(), ca, caKey);
    assertEquals(-1, leaf.getBasicConstraints());
    assertTrue(leaf.getCriticalExtensionOIDs().contains("2.5.29.19"));
    boolean[] usage = leaf.getKeyUsage();
    assertTrue(usage[0] && usage[2], "digitalSignature and keyEncipherment");
    assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
    byte[] aki =
        AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(
                        leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                    .getOctets())
            .getKeyIdentifierObject()
            .getOctets();
    assertArrayEquals(CaCertificates.subjectKeyId(ca), aki);
    assertEquals(2, leaf.getSubjectAlternativeNames().size());
    leaf.verify(caKey.publicKey());
  }

  @Test
  void build_ecLeaf_hasDigitalSignatureOnly() throws Exception {
    X509Certificate leaf =
        CertificateBuilder.build(leafProfile(), TestCsrs.ecKey().getPublic(), ca, caKey);
    boolean[] usage = leaf.getKeyUsage();
    assertTrue(usage[0]);
    assertTrue(!usage[2], "no keyEncipherment for EC");
  }

  @Test
  void build_serials_arePositiveDistinctAndAtLeast64BitsLong() {
    Set<java.math.BigInteger> serials = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      java.math.BigInteger serial =
          CertificateBuilder.build(leafProfile(), TestCsrs.ecKey().getPublic(), ca, caKey)
              .getSerialNumber();
      assertEquals(1, serial.signum());
      assertTrue(serial.bitLength() > 64, "serial too short: " + serial.bitLength());
      serials.add(serial);
    }
    assertEquals(20, serials.size());
  }

  @Test
  void serialNumbers_colonAndHyphenForms_roundTrip() {
    java.math.BigInteger serial = SerialNumbers.random();
    String colon = SerialNumbers.colon(serial);
    assertEquals(serial, SerialNumbers.parse(colon, "s"));
    assertEquals(serial, SerialNumbers.parse(colon.replace(':', '-'), "s"));
    assertTrue(!colon.startsWith("00"), "sign octet leaked into " + colon);
  }

  private CertificateProfile leafProfile() {
    return CertificateProfile.leaf(
        TestRoles.exampleOrg(),
        RequestedNames.of("a.example.org", List.of(), List.of("10.0.0.1"), false),
        3600,
        Instant.now(),
        ca.getNotAfter().toInstant());
  }
}
