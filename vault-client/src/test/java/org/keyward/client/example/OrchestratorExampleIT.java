package org.keyward.client.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.auth.TestCerts;
import org.keyward.client.LoginMethod;
import org.keyward.client.PeerRevocation;
import org.keyward.client.SecretData;
import org.keyward.client.SecretString;
import org.keyward.client.VaultClient;
import org.keyward.client.VaultConfig;
import org.keyward.client.VaultException;
import org.keyward.client.example.CellServer.DeviceParameters;
import org.keyward.client.example.OrchestratorSetup.AppRoleCredentials;
import org.keyward.server.VaultTestServer;

/**
 * Runs the code of {@code docs/orchestrator-example.md} against the real dev server: the Core
 * stores a device's parameters, a Cell reads them back, and the two talk mTLS with Keyward-issued
 * certificates; a client whose certificate another CA signed gets no answer from the Core.
 */
class OrchestratorExampleIT {
  /** The CRL fetched at every handshake, so a revocation is felt at the next one. */
  private static final PeerRevocation CHECK_EVERY_HANDSHAKE =
      PeerRevocation.crl().maxAge(Duration.ZERO);

  @TempDir Path dir;
  private VaultTestServer server;
  private VaultClient admin;
  private VaultConfig config;
  private CoreServer core;
  private CellServer cell;
  private AppRoleCredentials cellLogin;

  @BeforeEach
  void start() throws IOException {
    server = VaultTestServer.startDev(dir.resolve("data"));
    config =
        VaultConfig.builder()
            .address(server.address())
            .caCertificate(server.caCertificate())
            .build();
    admin =
        VaultClient.create(
            VaultConfig.builder()
                .address(server.address())
                .caCertificate(server.caCertificate())
                .token(SecretString.of(VaultTestServer.ROOT))
                .build());
    OrchestratorSetup setup = new OrchestratorSetup(admin);
    setup.mounts();
    setup.certificateLogin();
    core = new CoreServer(config, setup.core(), CHECK_EVERY_HANDSHAKE);
    cellLogin = setup.cell();
    cell = new CellServer(config, cellLogin, "cell-7.example.net", CHECK_EVERY_HANDSHAKE);
  }

  @AfterEach
  void stop() throws IOException {
    cell.close();
    core.close();
    admin.close();
    server.close();
  }

  @Test
  void example_coreStoresDevice_cellReadsItBackAndCallsCoreOverMtls() throws IOException {
    core.storeDevice("switch-12", "n0c-public", SecretString.of("en4ble-s3cret"));

    DeviceParameters params = cell.readDevice("switch-12");
    String answer = cell.callCore(core.port(), "hello from cell-7");

    assertEquals("n0c-public", params.snmpCommunity());
    assertEquals("en4ble-s3cret", params.enableSecret().reveal());
    // KV never saw the enable secret, only transit's ciphertext.
    String stored =
        admin
            .kv()
            .get("devices/switch-12")
            .orElseThrow()
            .data()
            .reveal()
            .get("enable_secret")
            .toString();
    assertTrue(stored.startsWith("vault:v1:"), "not transit ciphertext");
    assertFalse(stored.contains("en4ble"));
    assertEquals("core answers hello from cell-7 from CN=cell-7.example.net", answer);
  }

  @Test
  void example_cellCredentials_cannotWriteDevices() {
    core.storeDevice("switch-12", "n0c-public", SecretString.of("en4ble-s3cret"));
    VaultClient asCell = VaultClient.create(config);
    asCell.login(LoginMethod.appRole("approle", cellLogin.roleId(), cellLogin.secretId()));

    VaultException e =
        assertThrows(
            VaultException.class,
            () -> asCell.kv().put("devices/switch-12", SecretData.of(Map.of("x", "y"))));
    asCell.close();

    assertEquals(403, e.status());
  }

  @Test
  void core_clientCertificateFromAnotherCa_getsNoAnswer() throws Exception {
    TestCerts.Issued outsider =
        TestCerts.clientLeaf("cell-7.example.net", TestCerts.rootCa("Keyward Root"));
    X509Certificate keywardCa = admin.pki().caChain().get(0);

    String answer = null;
    try (SSLSocket s =
        (SSLSocket)
            context(outsider, keywardCa)
                .getSocketFactory()
                .createSocket("127.0.0.1", core.port())) {
      s.setSoTimeout(30_000);
      new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8).println("let me in");
      answer =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
    } catch (IOException refused) {
      // the handshake failed: what the Core should do
    }

    assertNull(answer, answer);
  }

  @Test
  void cutOff_revokedCell_failsHandshakeWithCoreAndCertLoginWhileOthersKeepWorking()
      throws IOException {
    CellServer sibling =
        new CellServer(config, cellLogin, "cell-8.example.net", CHECK_EVERY_HANDSHAKE);
    assertEquals(
        "core answers before from CN=cell-7.example.net", cell.callCore(core.port(), "before"));
    VaultClient cellByCertificate = cell.loginWithCertificate(keyward());
    assertTrue(cellByCertificate.token().lookupSelf().policies().contains("cell-server"));
    cellByCertificate.close();

    // The operator cuts cell-7 off: one revoke, by the certificate's serial.
    admin.pki().revoke(serial(cell.certificate()));

    String answer = null;
    try {
      answer = cell.callCore(core.port(), "after");
    } catch (IOException refused) {
      // the Core refused the handshake: cut off
    }
    assertNull(answer, "the Core still answered a revoked cell: " + answer);
    VaultException login =
        assertThrows(VaultException.class, () -> cell.loginWithCertificate(keyward()));
    assertEquals(400, login.status());
    assertEquals(
        "core answers still here from CN=cell-8.example.net",
        sibling.callCore(core.port(), "still here"));
    VaultClient siblingByCertificate = sibling.loginWithCertificate(keyward());
    assertTrue(siblingByCertificate.token().lookupSelf().policies().contains("cell-server"));
    siblingByCertificate.close();
    sibling.close();
  }

  private VaultConfig.Builder keyward() {
    return VaultConfig.builder().address(server.address()).caCertificate(server.caCertificate());
  }

  private static String serial(X509Certificate certificate) {
    String hex = certificate.getSerialNumber().toString(16);
    if (hex.length() % 2 == 1) {
      hex = "0" + hex;
    }
    return hex.replaceAll("(..)(?!$)", "$1:");
  }

  /** A JDK context presenting {@code identity} and trusting {@code anchor} only. */
  private static SSLContext context(TestCerts.Issued identity, X509Certificate anchor)
      throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "me",
        identity.keys().getPrivate(),
        new char[0],
        identity.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", anchor);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }
}
