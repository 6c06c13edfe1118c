package org.keyward.auth.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.keyward.auth.TestCerts;
import org.keyward.auth.cert.CertOcspClient.Verdict;

/**
 * Which OCSP responses the cert login believes ({@link CertOcspClient#verdict}): signed by the
 * leaf's issuer, by a listed {@code ocsp_ca_certificates} signer or by a responder the issuer
 * delegated to; about this leaf; with the nonce sent; current. Responses built with Bouncy Castle.
 */
class CertOcspClientTest {
  private static final TestCerts.Issued CA = TestCerts.rootCa("Partner CA");
  private static final TestCerts.Issued LEAF = TestCerts.clientLeaf("partner-1", CA);
  private static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8};

  @Test
  void verdict_signedByIssuer_goodOrRevoked() throws Exception {
    assertEquals(Verdict.GOOD, verdict(respond(CA, CertificateStatus.GOOD, NONCE, null), none()));
    assertEquals(
        Verdict.REVOKED,
        verdict(
            respond(CA, new RevokedStatus(new Date(), CRLReason.keyCompromise), NONCE, null),
            none()));
  }

  @Test
  void verdict_signedByStranger_noAnswerUnlessListedAsOcspCaCertificate() throws Exception {
    TestCerts.Issued stranger = TestCerts.rootCa("Some Responder");
    byte[] response = respond(stranger, CertificateStatus.GOOD, NONCE, null);

    assertEquals(Verdict.NO_ANSWER, verdict(response, none()));
    CertOcspSettings listed =
        new CertOcspSettings(true, TestCerts.pem(stranger.cert()), List.of(), false, false);
    assertEquals(Verdict.GOOD, verdict(response, listed));
  }

  @Test
  void verdict_delegatedResponderWithOcspSigningEku_isBelieved() throws Exception {
    TestCerts.Issued responder =
        TestCerts.issue(new TestCerts.Spec("ocsp").eku(KeyPurposeId.id_kp_OCSPSigning), CA);
    TestCerts.Issued notForOcsp = TestCerts.clientLeaf("not-ocsp", CA);

    assertEquals(
        Verdict.GOOD,
        verdict(respond(responder, CertificateStatus.GOOD, NONCE, responder.cert()), none()));
    assertEquals(
        Verdict.NO_ANSWER,
        verdict(respond(notForOcsp, CertificateStatus.GOOD, NONCE, notForOcsp.cert()), none()));
  }

  @Test
  void verdict_wrongNonceOrExpired_noAnswer() throws Exception {
    assertEquals(
        Verdict.NO_ANSWER,
        verdict(respond(CA, CertificateStatus.GOOD, new byte[] {9, 9, 9}, null), none()));
    assertEquals(Verdict.GOOD, verdict(respond(CA, CertificateStatus.GOOD, null, null), none()));
    assertEquals(
        Verdict.NO_ANSWER,
        verdict(
            respondAt(CA, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600)),
            none()));
    assertEquals(Verdict.NO_ANSWER, verdict(new byte[] {0x30, 0x00}, none()));
  }

  private static CertOcspSettings none() {
    return new CertOcspSettings(true, "", List.of(), false, false);
  }

  private static Verdict verdict(byte[] response, CertOcspSettings settings) throws Exception {
    return CertOcspClient.verdict(response, id(), NONCE, CA.cert(), settings);
  }

  private static CertificateID id() throws Exception {
    return new CertificateID(
        new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
        new X509CertificateHolder(CA.cert().getEncoded()),
        LEAF.cert().getSerialNumber());
  }

  private static byte[] respond(
      TestCerts.Issued signer, CertificateStatus status, byte[] nonce, X509Certificate include)
      throws Exception {
    Instant now = Instant.now();
    return build(signer, status, nonce, include, now, now.plusSeconds(3600));
  }

  private static byte[] respondAt(TestCerts.Issued signer, Instant thisUpdate, Instant nextUpdate)
      throws Exception {
    return build(signer, CertificateStatus.GOOD, NONCE, null, thisUpdate, nextUpdate);
  }

  private static byte[] build(
      TestCerts.Issued signer,
      CertificateStatus status,
      byte[] nonce,
      X509Certificate include,
      Instant thisUpdate,
      Instant nextUpdate)
      throws Exception {
    BasicOCSPRespBuilder builder =
        new BasicOCSPRespBuilder(
            new RespID(
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                    signer.keys().getPublic().getEncoded()),
                new JcaDigestCalculatorProviderBuilder().build().get(RespID.HASH_SHA1)));
    builder.addResponse(id(), status, Date.from(thisUpdate), Date.from(nextUpdate));
    if (nonce != null) {
      builder.setResponseExtensions(
          new Extensions(
              new Extension(
                  OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                  false,
                  new DEROctetString(new DEROctetString(nonce)))));
    }
    X509CertificateHolder[] chain =
        include == null
            ? null
            : new X509CertificateHolder[] {new X509CertificateHolder(include.getEncoded())};
    return new OCSPRespBuilder()
        .build(
            OCSPRespBuilder.SUCCESSFUL,
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.keys().getPrivate()),
                chain,
                new Date()))
        .getEncoded();
  }
}
