package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev server whose listener takes its certificate from its own PKI ({@code tls_pki_role}) with a
 * short lifetime: over real TLS connections it serves at least two different PKI certificates
 * without a restart, each one chaining to the PKI CA and naming the listen address.
 */
class ListenerPkiCertificateIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void listener_withPkiRoleAndShortTtl_servesRenewedPkiCertificatesWithoutRestart()
      throws Exception {
    try (VaultTestServer server =
        VaultTestServer.startDev(
            dir.resolve("data"),
            Map.of(
                ConfigKey.TLS_PKI_ROLE, "core-server",
                ConfigKey.TLS_PKI_COMMON_NAME, "api.core.keyward.internal",
                ConfigKey.TLS_PKI_TTL, "15s"))) {
      X509Certificate ca = pkiCa(server.port());
      Set<BigInteger> served = new LinkedHashSet<>();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (served.size() < 2) {
        assertTrue(
            System.nanoTime() < deadline,
            "two PKI certificates within " + DEADLINE + ": " + served);
        Date connectedAt = new Date();
        X509Certificate leaf = servedChain(server.port())[0];
        if (leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
          assertChainsTo(leaf, ca, connectedAt);
          assertTrue(
              leaf.getSubjectAlternativeNames().contains(List.of(7, "127.0.0.1")),
              "IP SAN of the listen address: " + leaf.getSubjectAlternativeNames());
          served.add(leaf.getSerialNumber());
        }
      }
      // A client that trusts only the PKI CA (and checks the host name) gets answers.
      HttpResponse<String> health =
          HttpClient.newBuilder()
              .sslContext(trusting(ca))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(server.address() + "/v1/sys/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
    }
  }

  /** The PKI CA, read from {@code pki/ca/pem} (the listener may be mid-swap: trust it blindly). */
  private static X509Certificate pkiCa(int port) throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .sslContext(acceptingAnything())
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v1/pki/ca/pem"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return certificate(response.body());
  }

  /** The chain the listener presents to a new TLS connection. */
  private static X509Certificate[] servedChain(int port) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) acceptingAnything().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      return (X509Certificate[]) socket.getSession().getPeerCertificates();
    }
  }

  /** Valid when it was served (a loaded machine may take a while to check it). */
  private static void assertChainsTo(X509Certificate leaf, X509Certificate ca, Date servedAt)
      throws Exception {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    params.setDate(servedAt);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static SSLContext trusting(X509Certificate ca) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("pki-ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** For reading what is served; the test checks the chain itself. */
  private static SSLContext acceptingAnything() throws Exception {
    X509TrustManager any =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {any}, null);
    return context;
  }
}
