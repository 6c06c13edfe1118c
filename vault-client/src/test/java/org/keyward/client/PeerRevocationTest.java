package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.keyward.auth.TestCerts;

/**
 * The SDK's peer revocation check ({@link RevocationCheckingTrustManager} over {@link
 * KeywardCrlCache}): a peer on the CRL is refused; a CRL not signed by the CA is ignored; with no
 * usable CRL, fail-closed refuses and fail-open accepts; a cached CRL is refetched once older than
 * the max age. CRLs made with Bouncy Castle, fetches stubbed.
 */
class PeerRevocationTest {
  private static final TestCerts.Issued CA = TestCerts.rootCa("Keyward Dev Root CA");
  private static final TestCerts.Issued CELL = TestCerts.clientLeaf("cell-7.example.net", CA);
  private static final X509Certificate[] CHAIN = {CELL.cert()};

  @Test
  void peerOnCrl_refused_otherPeerAccepted() {
    X509ExtendedTrustManager check = check(fetches(crl(CA, CELL.cert().getSerialNumber())), false);

    CertificateException e =
        assertThrows(CertificateException.class, () -> check.checkClientTrusted(CHAIN, "EC"));
    assertTrue(e.getMessage().contains("revoked"), e.getMessage());
    TestCerts.Issued other = TestCerts.clientLeaf("cell-8.example.net", CA);
    assertDoesNotThrow(() -> check.checkClientTrusted(new X509Certificate[] {other.cert()}, "EC"));
  }

  @Test
  void noUsableCrl_failClosedRefuses_failOpenAccepts() {
    Supplier<CompletableFuture<X509CRL>> down =
        () ->
            CompletableFuture.failedFuture(
                new VaultException("GET pki/crl", 503, List.of(), null, null));
    TestCerts.Issued forger = TestCerts.rootCa("Keyward Dev Root CA");
    Supplier<CompletableFuture<X509CRL>> forged = fetches(crl(forger, BigInteger.TEN));

    assertThrows(
        CertificateException.class, () -> check(down, false).checkClientTrusted(CHAIN, "EC"));
    assertThrows(
        CertificateException.class, () -> check(forged, false).checkClientTrusted(CHAIN, "EC"));
    assertDoesNotThrow(() -> check(down, true).checkClientTrusted(CHAIN, "EC"));
  }

  @Test
  void cachedCrl_refetchedOnlyOnceOlderThanMaxAge() throws Exception {
    X509CRL before = crl(CA, BigInteger.TEN);
    X509CRL after = crl(CA, CELL.cert().getSerialNumber());

    X509ExtendedTrustManager everyTime = check(fetches(before, after), false, Duration.ZERO);
    everyTime.checkClientTrusted(CHAIN, "EC");
    assertThrows(CertificateException.class, () -> everyTime.checkClientTrusted(CHAIN, "EC"));

    X509ExtendedTrustManager hourly = check(fetches(before, after), false, Duration.ofHours(1));
    hourly.checkClientTrusted(CHAIN, "EC");
    assertDoesNotThrow(() -> hourly.checkClientTrusted(CHAIN, "EC"));
  }

  private static X509ExtendedTrustManager check(
      Supplier<CompletableFuture<X509CRL>> fetcher, boolean failOpen) {
    return check(fetcher, failOpen, Duration.ZERO);
  }

  private static X509ExtendedTrustManager check(
      Supplier<CompletableFuture<X509CRL>> fetcher, boolean failOpen, Duration maxAge) {
    X509ExtendedTrustManager chain =
        (X509ExtendedTrustManager) TlsContexts.trustManagers(List.of(CA.cert()))[0];
    return new RevocationCheckingTrustManager(
        chain,
        new KeywardCrlCache(fetcher, List.of(CA.cert()), maxAge, Clock.systemUTC()),
        failOpen);
  }

  /** Answers each CRL in turn, the last one from then on. */
  private static Supplier<CompletableFuture<X509CRL>> fetches(X509CRL... crls) {
    Deque<X509CRL> left = new ArrayDeque<>(List.of(crls));
    return () -> CompletableFuture.completedFuture(left.size() > 1 ? left.poll() : left.peek());
  }

  private static X509CRL crl(TestCerts.Issued issuer, BigInteger revokedSerial) {
    try {
      Date now = new Date();
      X509v2CRLBuilder builder =
          new X509v2CRLBuilder(
              X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()), now);
      builder.setNextUpdate(new Date(now.getTime() + 3_600_000));
      builder.addCRLEntry(revokedSerial, now, CRLReason.keyCompromise);
      byte[] der =
          builder
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keys().getPrivate()))
              .getEncoded();
      return (X509CRL)
          CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
