package org.keyward.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.client.cli.CliRunner.Run;
import org.keyward.server.VaultTestServer;

/** The CLI's secret, raw path and token commands, in-process against the whole server. */
class KeywardCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static VaultTestServer server;
  static CliRunner cli;

  @BeforeAll
  static void start() throws Exception {
    server = VaultTestServer.startDev(dir.resolve("data"));
    Path home = Files.createDirectories(dir.resolve("home"));
    cli = new CliRunner(CliRunner.environment(server, home));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(Run run) throws Exception {
    assertEquals(0, run.code(), run::toString);
    return JSON.readTree(run.out());
  }

  @Test
  void status_unsealedServer_tableAndExitZero() {
    Run run = cli.run("status");

    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().matches("(?s).*Initialized\\s+true.*Sealed\\s+false.*"), run::toString);
  }

  @Test
  void kvPut_valueFromStdin_getShowsItInTableJsonAndField() throws Exception {
    Run put =
        cli.runWithStdin("s3cret\n", "kv", "put", "secret/app/db", "password=-", "user=admin");
    Run table = cli.run("kv", "get", "secret/app/db");
    JsonNode json = json(cli.run("kv", "get", "-format=json", "-mount=secret", "app/db"));
    Run field = cli.run("kv", "get", "-field=password", "secret/app/db");

    assertEquals(0, put.code(), put::toString);
    assertTrue(put.out().matches("(?s).*version\\s+1.*"), put::toString);
    assertTrue(table.out().matches("(?s).*password\\s+s3cret\\n.*"), table::toString);
    assertTrue(table.out().matches("(?s).*user\\s+admin.*"), table::toString);
    assertEquals("s3cret", json.at("/data/data/password").asText());
    assertEquals(1, json.at("/data/metadata/version").asInt());
    assertEquals("s3cret\n", field.out());
  }

  @Test
  void kvPut_valueFromFile_storesFileContents() throws Exception {
    Path file = Files.writeString(dir.resolve("community.txt"), "public-not\n");

    Run put = cli.run("kv", "put", "secret/snmp", "community=@" + file);
    Run field = cli.run("kv", "get", "-field=community", "secret/snmp");

    assertEquals(0, put.code(), put::toString);
    assertEquals("public-not\n", field.out());
  }

  @Test
  void kvPut_casMismatch_exitOneWithServerMessage() {
    cli.run("kv", "put", "secret/cas", "a=1");

    Run run = cli.run("kv", "put", "-cas=7", "secret/cas", "a=2");

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("Code: 400"), run::toString);
    assertTrue(
        run.err().contains("check-and-set parameter did not match the current version"),
        run::toString);
  }

  @Test
  void kvPatchDeleteUndeleteDestroy_followVersions() throws Exception {
    cli.run("kv", "put", "secret/cycle", "a=1", "b=2");
    Run patch = cli.run("kv", "patch", "secret/cycle", "b=3");
    Run delete = cli.run("kv", "delete", "secret/cycle");
    Run deletedGet = cli.run("kv", "get", "secret/cycle");
    Run undelete = cli.run("kv", "undelete", "-versions=2", "secret/cycle");
    JsonNode afterUndelete = json(cli.run("kv", "get", "-format=json", "secret/cycle"));
    Run destroy = cli.run("kv", "destroy", "-versions=1", "secret/cycle");
    JsonNode meta = json(cli.run("kv", "metadata", "get", "-format=json", "secret/cycle"));

    assertEquals(0, patch.code(), patch::toString);
    assertEquals(0, delete.code(), delete::toString);
    assertEquals(1, deletedGet.code(), deletedGet::toString);
    assertEquals(0, undelete.code(), undelete::toString);
    assertEquals("1", afterUndelete.at("/data/data/a").asText());
    assertEquals("3", afterUndelete.at("/data/data/b").asText());
    assertEquals(0, destroy.code(), destroy::toString);
    assertEquals(2, meta.at("/data/current_version").asInt());
    assertTrue(meta.at("/data/versions/1/destroyed").asBoolean(), meta::toString);
    assertFalse(meta.at("/data/versions/2/destroyed").asBoolean(), meta::toString);
  }

  @Test
  void kvMetadataPutThenDelete_changesSettingsThenRemovesAll() throws Exception {
    cli.run("kv", "put", "secret/meta", "a=1");

    Run put = cli.run("kv", "metadata", "put", "-max-versions=3", "secret/meta");
    JsonNode meta = json(cli.run("kv", "metadata", "get", "-format=json", "secret/meta"));
    Run delete = cli.run("kv", "metadata", "delete", "secret/meta");
    Run gone = cli.run("kv", "get", "secret/meta");

    assertEquals(0, put.code(), put::toString);
    assertEquals(3, meta.at("/data/max_versions").asInt());
    assertEquals(0, delete.code(), delete::toString);
    assertEquals(1, gone.code(), gone::toString);
    assertTrue(gone.err().contains("No value found at secret/data/meta"), gone::toString);
  }

  @Test
  void kvList_showsKeysAsTableAndJson() throws Exception {
    cli.run("kv", "put", "secret/devices/cell-1", "a=1");
    cli.run("kv", "put", "secret/devices/cell-2", "a=1");

    Run table = cli.run("kv", "list", "secret/devices");
    JsonNode json = json(cli.run("kv", "list", "-format=json", "secret/devices"));

    assertEquals("Keys\n----\ncell-1\ncell-2\n", table.out());
    assertEquals("[\"cell-1\",\"cell-2\"]", json.toString());
  }

  @Test
  void usageErrors_exitTwo() {
    Run noPath = cli.run("kv", "get");
    Run noEquals = cli.run("kv", "put", "secret/x", "justavalue");
    Run badFormat = cli.run("status", "-format=yaml");
    Run unknown = cli.run("frobnicate");
    Run twoStdin = cli.runWithStdin("x", "kv", "put", "secret/x", "a=-", "b=-");
    Run missingFile = cli.run("kv", "put", "secret/x", "a=@" + dir.resolve("absent"));

    for (Run r : new Run[] {noPath, noEquals, badFormat, unknown, twoStdin, missingFile}) {
      assertEquals(2, r.code(), r::toString);
      assertFalse(r.err().isEmpty(), r::toString);
    }
    assertTrue(noEquals.err().contains("expected key=value"), noEquals::toString);
    assertFalse(noEquals.err().contains("justavalue"), noEquals::toString);
  }

  @Test
  void serverUnreachable_exitOne() {
    Run run = cli.with("VAULT_ADDR", "https://127.0.0.1:1").run("kv", "get", "secret/x");

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("no response"), run::toString);
  }

  @Test
  void rawWriteReadListDelete_onPolicyPath() throws Exception {
    Path hcl =
        Files.writeString(
            dir.resolve("raw.hcl"), "path \"secret/*\" { capabilities = [\"read\"] }\n");

    Run write = cli.run("write", "sys/policies/acl/raw", "policy=@" + hcl);
    JsonNode read = json(cli.run("read", "-format=json", "sys/policies/acl/raw"));
    Run field = cli.run("read", "-field=name", "sys/policies/acl/raw");
    Run list = cli.run("list", "sys/policies/acl");
    Run delete = cli.run("delete", "sys/policies/acl/raw");
    Run gone = cli.run("read", "sys/policies/acl/raw");

    assertEquals(0, write.code(), write::toString);
    assertTrue(read.at("/data/policy").asText().contains("secret/*"), read::toString);
    assertEquals("raw\n", field.out());
    assertTrue(list.out().contains("\nraw\n"), list::toString);
    assertEquals(0, delete.code(), delete::toString);
    assertEquals(1, gone.code(), gone::toString);
  }

  @Test
  void rawWrite_jsonBodyFromStdin_createsTransitKey() throws Exception {
    Run write = cli.runWithStdin("{\"type\":\"aes256-gcm96\"}", "write", "transit/keys/raw", "-");
    JsonNode read = json(cli.run("read", "-format=json", "transit/keys/raw"));

    assertEquals(0, write.code(), write::toString);
    assertEquals("aes256-gcm96", read.at("/data/type").asText());
  }

  @Test
  void transit_encryptFromStdinThenDecrypt_roundTrips() throws Exception {
    cli.run("write", "transit/keys/params", "type=aes256-gcm96");

    Run enc = cli.runWithStdin("vlan=42;key=abc", "transit", "encrypt", "params");
    String ct = enc.out().strip();
    Run dec = cli.run("transit", "decrypt", "params", ct);
    JsonNode decJson =
        json(cli.runWithStdin(ct, "transit", "decrypt", "-format=json", "params", "-"));
    Run inline = cli.run("transit", "encrypt", "params", "plaintext-on-the-command-line");

    assertEquals(0, enc.code(), enc::toString);
    assertTrue(ct.startsWith("vault:v1:"), ct);
    assertEquals("vlan=42;key=abc\n", dec.out());
    assertEquals(
        "vlan=42;key=abc",
        new String(java.util.Base64.getDecoder().decode(decJson.at("/data/plaintext").asText())));
    assertEquals(2, inline.code(), inline::toString);
  }

  @Test
  void transitDecrypt_foreignCiphertext_exitOneWithServerMessage() {
    cli.run("write", "transit/keys/one", "type=aes256-gcm96");
    cli.run("write", "transit/keys/two", "type=aes256-gcm96");
    String ct = cli.runWithStdin("x", "transit", "encrypt", "one").out().strip();

    Run run = cli.run("transit", "decrypt", "two", ct);

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("Code: 400"), run::toString);
  }

  @Test
  void login_tokenFromStdin_storesTokenFileOwnerOnlyAndLaterCommandsUseIt() throws Exception {
    Path home = Files.createDirectories(dir.resolve("login-home"));
    CliRunner noToken = cli.with("VAULT_TOKEN", null).with("HOME", home.toString());

    Run before = noToken.run("kv", "list", "secret/");
    Run login = noToken.runWithStdin(VaultTestServer.ROOT + "\n", "login");
    Run after = noToken.run("kv", "put", "secret/after-login", "a=1");
    Path tokenFile = home.resolve(".vault-token");

    assertEquals(1, before.code(), before::toString);
    assertTrue(before.err().contains("permission denied"), before::toString);
    assertEquals(0, login.code(), login::toString);
    assertFalse(login.out().contains(VaultTestServer.ROOT), login::toString);
    assertEquals(VaultTestServer.ROOT, Files.readString(tokenFile));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
    assertEquals(0, after.code(), after::toString);
  }

  @Test
  void login_unknownToken_exitOneAndNothingStored() throws Exception {
    Path home = Files.createDirectories(dir.resolve("bad-login-home"));

    Run run = cli.with("HOME", home.toString()).runWithStdin("hvs.not-a-token", "login", "-");

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("permission denied"), run::toString);
    assertFalse(Files.exists(home.resolve(".vault-token")));
  }

  @Test
  void completion_printsBashScriptNamingCommands() {
    Run run = cli.run("completion");

    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("complete -F"), run.out());
    assertTrue(run.out().contains("rotate-root"), "subcommands completed");
  }
}
