package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PKI through the SDK against the whole server; CSRs made by openssl. */
class PkiIT {
  @TempDir static Path dir;
  static LiveVault vault;
  static Pki pki;

  @BeforeAll
  static void start() {
    vault = LiveVault.start(dir);
    VaultClient root = vault.rootClient();
    TestPki.setUp(root, "devices", "1h");
    pki = root.pki();
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void issue_returnsCertificateSignedByCaWithUsableKey() throws Exception {
    IssuedCertificate issued =
        pki.issue(
            "devices",
            CertificateRequest.forName("olt-3.example.net")
                .altNames("olt-3b.example.net")
                .ipSans("10.0.0.3")
                .ttl(Duration.ofMinutes(30)));
    X509Certificate ca = pki.caChain().get(0);

    issued.certificate().verify(ca.getPublicKey());
    issued.certificate().checkValidity();

    assertEquals("EC", issued.privateKey().getAlgorithm());
    assertTrue(
        issued.certificate().getSubjectX500Principal().getName().contains("olt-3.example.net"));
    assertEquals(ca, issued.caChain().get(0));
    assertFalse(issued.toString().contains("PRIVATE"), issued::toString);
    assertTrue(
        Duration.between(
                    issued.certificate().getNotBefore().toInstant(),
                    issued.certificate().getNotAfter().toInstant())
                .compareTo(Duration.ofMinutes(31))
            < 0);
  }

  @Test
  void sign_opensslCsr_keepsCsrKey() throws Exception {
    Path key = dir.resolve("csr-key.pem");
    Path csr = dir.resolve("req.csr");
    Process p =
        new ProcessBuilder(
                "openssl",
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                key.toString(),
                "-subj",
                "/CN=cell-9.example.net",
                "-out",
                csr.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl failed");

    SignedCertificate signed =
        pki.sign(
            "devices", Files.readString(csr), CertificateRequest.forName("cell-9.example.net"));

    X509Certificate ca = pki.caChain().get(0);
    signed.certificate().verify(ca.getPublicKey());
    // Sign with the CSR's key, check with the certificate: passes only if it carries that key.
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(Pem.privateKey(Files.readString(key)));
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(signed.certificate());
    verifier.update(new byte[] {1, 2, 3});

    assertTrue(verifier.verify(signature), "certificate does not carry the CSR's key");
    assertFalse(signed.serialNumber().isEmpty());
  }

  @Test
  void caChain_isSelfSignedRoot() throws Exception {
    List<X509Certificate> chain = pki.caChain();

    chain.get(chain.size() - 1).verify(chain.get(chain.size() - 1).getPublicKey());
    assertTrue(chain.get(0).getSubjectX500Principal().getName().contains("Keyward Dev Root CA"));
  }

  @Test
  void revoke_thenCrl_listsSerial() throws Exception {
    IssuedCertificate issued = pki.issue("devices", CertificateRequest.forName("gone.example.net"));

    pki.revoke(issued.serialNumber());
    X509CRL crl = pki.crl();

    crl.verify(pki.caChain().get(0).getPublicKey());
    assertNotNull(
        crl.getRevokedCertificate(issued.certificate().getSerialNumber()), "serial not in CRL");
  }
}
