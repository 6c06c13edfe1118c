package org.keyward.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.auth.mfa.ReferenceTotp;
import org.keyward.client.cli.CliRunner.Run;
import org.keyward.server.VaultTestServer;

/**
 * {@code keyward operator bootstrap} and {@code keyward login -method=userpass} against the real
 * dev server: bootstrap enrols the first admin, prints the QR code and URL and revokes the root
 * token; the admin then logs in with password and a TOTP passcode computed from the printed URL by
 * an independent RFC 6238 implementation.
 */
class UserpassCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void bootstrap_thenUserpassLoginWithTotp_revokesRootAndStoresAdminToken() throws Exception {
    try (VaultTestServer server = VaultTestServer.startDev(dir.resolve("data"))) {
      Path home = Files.createDirectories(dir.resolve("home"));
      Path passwordFile = dir.resolve("pw.txt");
      Files.writeString(passwordFile, "first-day-passphrase\n");
      CliRunner root = new CliRunner(CliRunner.environment(server, home));

      Run boot = root.run("operator", "bootstrap", "username=boss", "password=@" + passwordFile);
      assertEquals(0, boot.code(), boot::toString);
      assertTrue(boot.out().contains("█"), "a text QR code is printed");
      Matcher url = Pattern.compile("otpauth://totp/\\S+").matcher(boot.out());
      assertTrue(url.find(), boot::toString);

      // The root token is gone; so is any way back in without the second factor.
      Run afterRoot = root.run("read", "sys/auth");
      assertNotEquals(0, afterRoot.code(), afterRoot::toString);
      CliRunner person =
          new CliRunner(CliRunner.environment(server, home)).with("VAULT_TOKEN", null);
      Run noTerminal =
          person.run("login", "-method=userpass", "username=boss", "password=@" + passwordFile);
      assertEquals(KeywardCli.USAGE, noTerminal.code(), noTerminal::toString);
      assertTrue(noTerminal.err().contains("passcode=CODE"), noTerminal::toString);

      String code =
          ReferenceTotp.code(
              ReferenceTotp.keyOfUrl(url.group()),
              System.currentTimeMillis() / 1000,
              30,
              6,
              "SHA1");
      Run login =
          person.run(
              "login",
              "-method=userpass",
              "-format=json",
              "username=boss",
              "password=@" + passwordFile,
              "passcode=" + code);
      assertEquals(0, login.code(), login::toString);
      JsonNode auth = JSON.readTree(login.out());
      assertTrue(auth.path("token_policies").toString().contains("admin"), auth::toString);
      String stored = Files.readString(home.resolve(".vault-token")).strip();
      assertEquals(auth.path("client_token").asText(), stored);
      Run asAdmin = person.run("read", "sys/auth");
      assertEquals(0, asAdmin.code(), asAdmin::toString);
    }
  }
}
