package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-renewing TLS identity over several renewals of a short-lived certificate: a JDK TLS
 * server built once on the identity's context serves each new certificate, valid at the time of the
 * handshake, to a client that trusts only the PKI's CA.
 */
class TlsIdentityIT {
  @TempDir Path dir;
  private LiveVault vault;
  private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
  private SSLServerSocket listener;

  @BeforeEach
  void start() {
    vault = LiveVault.start(dir);
    // Short certificates so that the identity renews several times within the test.
    TestPki.setUp(vault.rootClient(), "cell-server", "9s");
  }

  @AfterEach
  void stop() throws IOException {
    if (listener != null) {
      listener.close();
    }
    acceptor.shutdownNow();
    vault.close();
  }

  @Test
  void tlsIdentity_shortTtl_servesFreshValidCertificateAfterEachRenewal() throws Exception {
    VaultClient client = vault.rootClient();
    RenewingTlsIdentity identity = client.pki().tlsIdentity("cell-server", "cell-7.example.net");
    BlockingQueue<X509Certificate> renewed = new LinkedBlockingQueue<>();
    identity.onRenewal(renewed::add);
    List<X509Certificate> trust = client.pki().caChain();
    listener = serve(identity.sslContext());

    List<BigInteger> served = new ArrayList<>();
    served.add(handshake(trust).getSerialNumber());
    assertEquals(identity.certificate().getSerialNumber(), served.get(0));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    for (int i = 0; i < 3; i++) {
      X509Certificate next = renewed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertNotNull(next, "no renewal before the deadline after " + served);
      X509Certificate seen = handshake(trust);
      seen.checkValidity();
      assertTrue(
          seen.getSubjectX500Principal().getName().contains("cell-7.example.net"),
          seen.getSubjectX500Principal()::getName);
      served.add(seen.getSerialNumber());
    }
    identity.close();

    assertEquals(4, new HashSet<>(served).size(), served::toString);
  }

  /** A TLS server built once on {@code context}: each connection gets a handshake and one byte. */
  private SSLServerSocket serve(SSLContext context) throws IOException {
    SSLServerSocket server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor.submit(
        () -> {
          while (!server.isClosed()) {
            try (SSLSocket s = (SSLSocket) server.accept()) {
              s.startHandshake();
              s.getOutputStream().write(1);
              s.getOutputStream().flush();
            } catch (IOException e) {
              // a closed listener ends the loop; a failed handshake shows on the client side
            }
          }
          return null;
        });
    return server;
  }

  /** Connects with a fresh context (no session resumption) and returns the served certificate. */
  private X509Certificate handshake(List<X509Certificate> trust) throws Exception {
    SSLContext ctx = TlsContexts.context(null, TlsContexts.trustManagers(trust));
    try (SSLSocket s =
        (SSLSocket)
            ctx.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
      s.setSoTimeout(30_000);
      s.startHandshake();
      assertEquals(1, s.getInputStream().read());
      return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }
  }
}
