package org.keyward.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.auth.TestCerts;
import org.keyward.client.cli.CliRunner.Run;
import org.keyward.server.VaultTestServer;

/**
 * {@code keyward login -method=approle|cert} against the real dev server (TLS, SoftHSM2, SQLite),
 * both methods enabled through {@code sys/auth}; the roles are set up through the CLI's raw writes
 * with the root token. The cert role trusts a CA of the test's own: the server's TLS listener takes
 * any client certificate and the login judges it.
 */
class LoginCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestCerts.Issued CELLS_CA = TestCerts.rootCa("CLI Cells Root");
  @TempDir static Path dir;
  static VaultTestServer server;
  static Map<String, String> env;
  static CliRunner admin;

  @BeforeAll
  static void start() throws Exception {
    server = VaultTestServer.startDev(dir.resolve("data"));
    env = new HashMap<>();
    env.put("VAULT_ADDR", server.address());
    env.put("VAULT_CACERT", server.caCertificate().toString());
    admin = new CliRunner(env).with("VAULT_TOKEN", VaultTestServer.ROOT);
    for (String method : new String[] {"approle", "cert"}) {
      Run enabled = admin.run("write", "sys/auth/" + method, "type=" + method);
      assertEquals(0, enabled.code(), enabled::toString);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static CliRunner user(String home) throws Exception {
    return new CliRunner(env).with("HOME", Files.createDirectories(dir.resolve(home)).toString());
  }

  @Test
  void approleLogin_secretIdFromStdin_storesIssuedToken() throws Exception {
    Run role = admin.run("write", "auth/approle/role/cells", "token_policies=cell", "token_ttl=1h");
    String roleId = admin.run("read", "-field=role_id", "auth/approle/role/cells/role-id").out();
    Run secret = admin.run("write", "-field=secret_id", "auth/approle/role/cells/secret-id");
    CliRunner user = user("approle-home");

    Run login =
        user.runWithStdin(
            secret.out(),
            "login",
            "-method=approle",
            "-format=json",
            "role_id=" + roleId.strip(),
            "secret_id=-");

    assertEquals(0, role.code(), role::toString);
    assertEquals(0, secret.code(), secret::toString);
    assertEquals(0, login.code(), login::toString);
    JsonNode auth = JSON.readTree(login.out());
    assertTrue(auth.path("token_policies").toString().contains("cell"), auth::toString);
    Path tokenFile = dir.resolve("approle-home/.vault-token");
    assertEquals(auth.path("client_token").asText(), Files.readString(tokenFile));
    assertNotEquals("", Files.readString(tokenFile));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
  }

  @Test
  void approleLogin_wrongSecretId_exitOneAndNothingStored() throws Exception {
    admin.run("write", "auth/approle/role/wrong", "token_policies=cell");
    String roleId = admin.run("read", "-field=role_id", "auth/approle/role/wrong/role-id").out();
    CliRunner user = user("wrong-home");

    Run login =
        user.runWithStdin(
            "not-the-secret-id",
            "login",
            "-method=approle",
            "role_id=" + roleId.strip(),
            "secret_id=-");

    assertEquals(1, login.code(), login::toString);
    assertTrue(login.err().startsWith("Error: Code: 4"), login::toString);
    assertFalse(Files.exists(dir.resolve("wrong-home/.vault-token")));
  }

  @Test
  void approleLogin_withoutSecretId_exitTwo() throws Exception {
    Run login = user("usage-home").run("login", "-method=approle", "role_id=x");

    assertEquals(2, login.code(), login::toString);
  }

  @Test
  void certLogin_clientCertificateFromEnvironment_storesToken() throws Exception {
    Map<String, Object> role = new HashMap<>();
    role.put("certificate", CELLS_CA.certPem());
    role.put("allowed_common_names", List.of("cell-*"));
    role.put("token_policies", "cell");
    Run created =
        admin.runWithStdin(JSON.writeValueAsString(role), "write", "auth/cert/certs/cells", "-");
    TestCerts.Issued leaf = TestCerts.clientLeaf("cell-3", CELLS_CA);
    Path cert = Files.writeString(dir.resolve("cell-3.pem"), leaf.chainPem());
    Path key = Files.writeString(dir.resolve("cell-3.key"), leaf.keyPem());
    CliRunner user =
        user("cert-home")
            .with("VAULT_CLIENT_CERT", cert.toString())
            .with("VAULT_CLIENT_KEY", key.toString());

    Run login = user.run("login", "-method=cert", "name=cells");

    assertEquals(0, created.code(), created::toString);
    assertEquals(0, login.code(), login::toString);
    assertTrue(login.out().matches("(?s).*token_policies\\s+\\[.*cell.*"), login::toString);
    assertFalse(Files.readString(dir.resolve("cert-home/.vault-token")).isBlank());
  }
}
