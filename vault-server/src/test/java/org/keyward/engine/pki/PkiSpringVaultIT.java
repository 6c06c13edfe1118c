package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultPkiOperations;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.CertificateBundle;
import org.springframework.vault.support.VaultCertificateRequest;

/** Spring Vault's {@code VaultPkiOperations}, unchanged, against the pki engine. */
@ExtendWith(VertxExtension.class)
class PkiSpringVaultIT {
  private PkiFixture fixture;
  private PipelineHarness server;
  private VaultPkiOperations pki;
  private X509Certificate root;

  @BeforeEach
  void start(Vertx vertx) {
    fixture = PkiFixture.create(vertx, Clock.systemUTC());
    server = fixture.serve(vertx);
    root = PemCodec.certificate(PkiFixture.generateRoot(server));
    Futures.await(fixture.rootEngine().ensureDefaultRoles());
    VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    endpoint.setScheme("http");
    VaultTemplate template =
        new VaultTemplate(
            endpoint,
            new JdkClientHttpRequestFactory(),
            new SimpleSessionManager(new TokenAuthentication(PipelineHarness.ROOT_TOKEN)));
    pki = template.opsForPki("pki");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void issueCertificate_givesBundleWhoseKeyStoreHoldsKeyAndChain() throws Exception {
    CertificateBundle bundle =
        pki.issueCertificate(
                "cell-server",
                VaultCertificateRequest.builder()
                    .commonName("cell-4.cells.keyward.internal")
                    .withIpSubjectAltName("127.0.0.1")
                    .ttl(Duration.ofHours(12))
                    .build())
            .getRequiredData();

    X509Certificate certificate = bundle.getX509Certificate();
    certificate.verify(root.getPublicKey());
    assertEquals(root, bundle.getX509IssuerCertificate());
    assertEquals("ec", bundle.getPrivateKeyType());
    KeyStore store = bundle.createKeyStore("cell");
    assertNotNull(store.getKey("cell", new char[0]));
    assertEquals(certificate, store.getCertificate("cell"));
  }

  @Test
  void signCertificateRequest_certifiesTheCsrKey() throws Exception {
    java.security.KeyPair key = TestCsrs.ecKey();
    X509Certificate certificate =
        pki.signCertificateRequest(
                "core-server",
                TestCsrs.csr(key, "api.core.keyward.internal"),
                VaultCertificateRequest.create("api.core.keyward.internal"))
            .getRequiredData()
            .getX509Certificate();
    assertEquals(key.getPublic(), certificate.getPublicKey());
    certificate.verify(root.getPublicKey());
  }

  @Test
  void revoke_thenGetCrl_listsTheSerial() throws Exception {
    CertificateBundle bundle =
        pki.issueCertificate(
                "cell-server", VaultCertificateRequest.create("cell-8.cells.keyward.internal"))
            .getRequiredData();
    pki.revoke(bundle.getSerialNumber());
    try (InputStream der = pki.getCrl(VaultPkiOperations.Encoding.DER)) {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(der);
      crl.verify(root.getPublicKey());
      assertTrue(crl.isRevoked(bundle.getX509Certificate()));
    }
  }

  @Test
  void issueCertificate_nameOutsideRole_failsWithVaultsMessage() {
    VaultException error =
        assertThrows(
            VaultException.class,
            () ->
                pki.issueCertificate(
                    "cell-server", VaultCertificateRequest.create("www.example.com")));
    assertTrue(
        error.getMessage().contains("common name www.example.com not allowed by this role"),
        error.getMessage());
  }
}
