package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;

/**
 * A real TLS 1.3 mutual-authentication handshake on 127.0.0.1 between a {@code cell-server} and a
 * {@code core-server} certificate, Keyward's root the only trust anchor; a self-signed look-alike
 * (same subject and SANs, its own key) is refused on either side.
 */
@ExtendWith(VertxExtension.class)
class PkiMutualTlsIT {
  private PkiFixture pki;
  private PipelineHarness server;
  private X509Certificate root;
  private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

  @BeforeEach
  void start(Vertx vertx) {
    pki = PkiFixture.create(vertx, Clock.systemUTC());
    server = pki.serve(vertx);
    root = PemCodec.certificate(PkiFixture.generateRoot(server));
    Futures.await(pki.rootEngine().ensureDefaultRoles());
  }

  @AfterEach
  void stop() {
    serverThread.shutdownNow();
    server.close();
  }

  @Test
  void handshake_cellClientToCoreServer_succeedsBothWays() throws Exception {
    SSLContext core = context(issue("core-server", "core-1.core.keyward.internal"));
    SSLContext cell = context(issue("cell-server", "cell-1.cells.keyward.internal"));

    try (SSLServerSocket listener = listen(core)) {
      Future<String> peer = serverThread.submit(() -> serveOnce(listener));
      try (SSLSocket socket = connect(cell, listener.getLocalPort())) {
        socket.getOutputStream().write(42);
        socket.getOutputStream().flush();
        assertEquals(42, socket.getInputStream().read());
        assertEquals("TLSv1.3", socket.getSession().getProtocol());
        X509Certificate serverCert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        assertEquals(
            "CN=core-1.core.keyward.internal", serverCert.getSubjectX500Principal().getName());
      }
      assertEquals("CN=cell-1.cells.keyward.internal", peer.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void handshake_selfSignedLookAlikeClient_isRefusedByServer() throws Exception {
    SSLContext core = context(issue("core-server", "core-1.core.keyward.internal"));
    SSLContext fake = context(lookAlike(issue("cell-server", "cell-1.cells.keyward.internal")));

    try (SSLServerSocket listener = listen(core)) {
      Future<String> peer = serverThread.submit(() -> serveOnce(listener));
      try (SSLSocket socket = connect(fake, listener.getLocalPort())) {
        // TLS 1.3 lets the client finish before the server judges its certificate, so the
        // refusal shows on the first write or read: an alert or a closed socket, never the echo.
        assertEquals(-1, echoOrMinusOne(socket));
      }
      ExecutionException refused =
          assertThrows(ExecutionException.class, () -> peer.get(10, TimeUnit.SECONDS));
      assertTrue(refused.getCause() instanceof SSLException, refused.getCause().toString());
    }
  }

  @Test
  void handshake_selfSignedLookAlikeServer_isRefusedByClient() throws Exception {
    SSLContext fake = context(lookAlike(issue("core-server", "core-1.core.keyward.internal")));
    SSLContext cell = context(issue("cell-server", "cell-1.cells.keyward.internal"));

    try (SSLServerSocket listener = listen(fake)) {
      serverThread.submit(() -> serveOnce(listener));
      try (SSLSocket socket = connect(cell, listener.getLocalPort())) {
        assertThrows(SSLException.class, socket::startHandshake);
      }
    }
  }

  /** The key PEM and certificate of an {@code issue/<role>} answer for {@code commonName}. */
  private record Identity(String keyPem, X509Certificate certificate) {}

  private Identity issue(String role, String commonName) {
    JsonObject data =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/issue/" + role,
                new JsonObject()
                    .put("common_name", commonName)
                    .put("alt_names", "localhost")
                    .put("ip_sans", "127.0.0.1")));
    return new Identity(
        data.getString("private_key"), PemCodec.certificate(data.getString("certificate")));
  }

  private SSLContext context(Identity identity) throws Exception {
    return TestTls.context(identity.keyPem(), List.of(identity.certificate()), root);
  }

  /** A self-signed certificate copying {@code real}'s subject and SANs over a key of its own. */
  private static Identity lookAlike(Identity real) throws Exception {
    JdkCaKeyCustody custody = new JdkCaKeyCustody();
    CaKey key = Futures.await(custody.createKey("fake", CaKeyType.EC_P256));
    CertificateProfile profile =
        new CertificateProfile(
            X500Name.getInstance(real.certificate().getSubjectX500Principal().getEncoded()),
            List.of(
                real.certificate().getSubjectX500Principal().getName().substring(3), "localhost"),
            List.of("127.0.0.1"),
            Instant.now().minusSeconds(30),
            Instant.now().plusSeconds(3600),
            false,
            -1,
            List.of(
                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth,
                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth));
    X509Certificate fake = CertificateBuilder.build(profile, key.publicKey(), null, key);
    KeyPair pair = custody.keyPair("fake");
    return new Identity(PemCodec.privateKeyPem(pair, false), fake);
  }

  private static SSLServerSocket listen(SSLContext context) throws IOException {
    SSLServerSocket listener =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    listener.setEnabledProtocols(new String[] {"TLSv1.3"});
    listener.setNeedClientAuth(true);
    listener.setSoTimeout(10_000);
    return listener;
  }

  /** Accepts one connection, echoes one byte, answers the client's subject. */
  private static String serveOnce(SSLServerSocket listener) throws IOException {
    try (SSLSocket socket = (SSLSocket) listener.accept()) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      int b = socket.getInputStream().read();
      socket.getOutputStream().write(b);
      socket.getOutputStream().flush();
      X509Certificate client = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      return client.getSubjectX500Principal().getName();
    }
  }

  /** Sends one byte and answers the echo, or -1 if the peer refused or closed the connection. */
  private static int echoOrMinusOne(SSLSocket socket) {
    try {
      socket.getOutputStream().write(42);
      socket.getOutputStream().flush();
      return socket.getInputStream().read();
    } catch (IOException e) {
      return -1;
    }
  }

  private static SSLSocket connect(SSLContext context, int port) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(new String[] {"TLSv1.3"});
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    return socket;
  }
}
