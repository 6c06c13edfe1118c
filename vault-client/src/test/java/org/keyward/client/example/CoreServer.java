package org.keyward.client.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.keyward.client.CertificateRequest;
import org.keyward.client.Ciphertext;
import org.keyward.client.LoginMethod;
import org.keyward.client.PeerRevocation;
import org.keyward.client.RenewingTlsIdentity;
import org.keyward.client.SecretBytes;
import org.keyward.client.SecretData;
import org.keyward.client.SecretString;
import org.keyward.client.VaultClient;
import org.keyward.client.VaultConfig;
import org.keyward.client.example.OrchestratorSetup.AppRoleCredentials;

/**
 * The orchestrator's Core: logs in with AppRole, stores device parameters (the enable secret sealed
 * by transit first), and listens for Cells over mTLS with a Keyward-issued certificate, accepting
 * only clients whose certificate Keyward's CA signed and did not revoke.
 */
public final class CoreServer implements AutoCloseable {
  private final VaultClient vault;
  private final RenewingTlsIdentity identity;
  private final SSLServerSocket listener;
  private final ExecutorService acceptor = Executors.newSingleThreadExecutor();

  public CoreServer(VaultConfig config, AppRoleCredentials login, PeerRevocation revocation)
      throws IOException {
    vault = VaultClient.create(config);
    vault.login(LoginMethod.appRole("approle", login.roleId(), login.secretId()));
    identity =
        vault
            .pki()
            .tlsIdentity(
                "core-server",
                CertificateRequest.forName("core.example.net").ipSans("127.0.0.1"),
                revocation); // refuses Cells whose certificate is on Keyward's CRL
    listener =
        (SSLServerSocket)
            identity
                .sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listener.setNeedClientAuth(true); // a Cell must show a Keyward-issued certificate
    acceptor.submit(this::serve);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** KV holds the community as is and the enable secret only as transit ciphertext. */
  public void storeDevice(String device, String snmpCommunity, SecretString enableSecret) {
    Ciphertext sealed =
        vault
            .transit()
            .encrypt(OrchestratorSetup.DEVICE_KEY, SecretBytes.ofUtf8(enableSecret.reveal()));
    vault
        .kv()
        .put(
            "devices/" + device,
            SecretData.of(
                Map.of("snmp_community", snmpCommunity, "enable_secret", sealed.value())));
  }

  /** Answers each Cell's line with who the Core is and who it saw. */
  private Void serve() {
    while (!listener.isClosed()) {
      try (SSLSocket s = (SSLSocket) listener.accept()) {
        X509Certificate cell = (X509Certificate) s.getSession().getPeerCertificates()[0];
        identity.checkPeer(s.getSession()); // a resumed session skipped the handshake's check
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
        out.println("core answers " + in.readLine() + " from " + cell.getSubjectX500Principal());
      } catch (IOException e) {
        // a failed handshake (untrusted client) drops that connection only; close() ends the loop
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    acceptor.shutdownNow();
    identity.close();
    vault.close();
  }
}
