package org.keyward.client.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.keyward.client.CertificateRequest;
import org.keyward.client.Ciphertext;
import org.keyward.client.LoginMethod;
import org.keyward.client.PeerRevocation;
import org.keyward.client.RenewingTlsIdentity;
import org.keyward.client.SecretData;
import org.keyward.client.SecretString;
import org.keyward.client.VaultClient;
import org.keyward.client.VaultConfig;
import org.keyward.client.example.OrchestratorSetup.AppRoleCredentials;

/**
 * An orchestrator Cell: logs in with AppRole, reads a device's parameters back (unsealing the
 * enable secret through transit), and calls the Core over mTLS with its own Keyward-issued
 * certificate, trusting only Keyward's CA and checking the Core's address against its certificate.
 */
public final class CellServer implements AutoCloseable {
  /** A device's parameters as the Cell uses them. */
  public record DeviceParameters(String snmpCommunity, SecretString enableSecret) {}

  private final VaultClient vault;
  private final RenewingTlsIdentity identity;

  public CellServer(
      VaultConfig config, AppRoleCredentials login, String name, PeerRevocation revocation) {
    vault = VaultClient.create(config);
    vault.login(LoginMethod.appRole("approle", login.roleId(), login.secretId()));
    identity = vault.pki().tlsIdentity("cell-server", CertificateRequest.forName(name), revocation);
  }

  /** The Cell's certificate now (its serial is what an operator revokes to cut it off). */
  public X509Certificate certificate() {
    return identity.certificate();
  }

  /**
   * Logs in to Keyward with the Cell's own certificate ({@code auth/cert}, role {@code cells}); the
   * identity's key manager presents it, so the key never leaves memory.
   */
  public VaultClient loginWithCertificate(VaultConfig.Builder keyward) {
    VaultClient byCertificate =
        VaultClient.create(keyward.keyManagers(new KeyManager[] {identity.keyManager()}).build());
    byCertificate.login(LoginMethod.certificate("cert", "cells"));
    return byCertificate;
  }

  public DeviceParameters readDevice(String device) {
    SecretData data = vault.kv().get("devices/" + device).orElseThrow().data();
    Ciphertext sealed = Ciphertext.parse(data.string("enable_secret").orElseThrow().reveal());
    return new DeviceParameters(
        data.string("snmp_community").orElseThrow().reveal(),
        vault.transit().decrypt(OrchestratorSetup.DEVICE_KEY, sealed).revealUtf8());
  }

  /** Sends one line to the Core at 127.0.0.1:{@code port} and returns its answer. */
  public String callCore(int port, String line) throws IOException {
    try (SSLSocket s =
        (SSLSocket) identity.sslContext().getSocketFactory().createSocket("127.0.0.1", port)) {
      SSLParameters params = s.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS"); // the Core's cert must name 127.0.0.1
      s.setSSLParameters(params);
      s.setSoTimeout(30_000);
      new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8).println(line);
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
    }
  }

  @Override
  public void close() {
    identity.close();
    vault.close();
  }
}
