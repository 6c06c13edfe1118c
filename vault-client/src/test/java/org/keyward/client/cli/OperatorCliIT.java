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

/** The CLI's operator, policy, audit and PKI commands, in-process against the whole server. */
class OperatorCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static VaultTestServer server;
  static CliRunner cli;

  @BeforeAll
  static void start() throws Exception {
    server = VaultTestServer.startDev(dir.resolve("data"));
    cli = new CliRunner(CliRunner.environment(server, Files.createDirectories(dir.resolve("h"))));
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
  void operatorRotate_raisesKeyringTerm() throws Exception {
    long before = json(cli.run("read", "-format=json", "sys/key-status")).at("/data/term").asLong();

    JsonNode rotated = json(cli.run("operator", "rotate", "-format=json"));
    Run table = cli.run("operator", "rotate");

    assertEquals(before + 1, rotated.path("term").asLong());
    assertTrue(table.out().startsWith("Success! Rotated key"), table::toString);
    assertTrue(table.out().matches("(?s).*term\\s+" + (before + 2) + "\\n.*"), table::toString);
  }

  @Test
  void operatorRotateRoot_createsNextKekAndUsesIt() throws Exception {
    JsonNode rotated = json(cli.run("operator", "rotate-root", "-format=json"));
    int version = rotated.path("kek_version").asInt();

    assertTrue(version >= 2, rotated::toString);
    assertEquals(version, rotated.path("in_use").asInt());
    assertTrue(rotated.path("versions").toString().contains(Integer.toString(version)));
    Run put = cli.run("kv", "put", "secret/after-kek", "a=1");
    assertEquals(0, put.code(), put::toString);
  }

  @Test
  void operatorReencrypt_startAndWait_endsDoneWithNothingFailed() throws Exception {
    cli.run("kv", "put", "secret/reenc", "a=1");
    cli.run("operator", "rotate");

    JsonNode done = json(cli.run("operator", "reencrypt", "-wait", "-format=json"));
    JsonNode status = json(cli.run("operator", "reencrypt", "-status", "-format=json"));

    assertEquals("done", done.path("state").asText(), done::toString);
    assertEquals(0, done.path("failed").asLong());
    assertEquals(0, done.path("remaining").asLong());
    assertTrue(done.path("rewritten").asLong() > 0, done::toString);
    assertEquals(done.path("target_term").asLong(), status.path("target_term").asLong());
  }

  @Test
  void status_sealedServer_exitTwoAndCallsFailWithServerMessage() {
    Run seal = cli.run("write", "sys/seal");
    Run status;
    Run get;
    try {
      status = cli.run("status");
      get = cli.run("kv", "get", "secret/anything");
    } finally {
      cli.run("write", "sys/unseal");
    }
    Run after = cli.run("status");

    assertEquals(0, seal.code(), seal::toString);
    assertEquals(2, status.code(), status::toString);
    assertTrue(status.out().matches("(?s).*Sealed\\s+true.*"), status::toString);
    assertEquals(1, get.code(), get::toString);
    assertTrue(get.err().contains("Code: 503"), get::toString);
    assertEquals(0, after.code(), after::toString);
  }

  @Test
  void policyWriteFromStdinReadListDelete() {
    String hcl = "path \"secret/data/cells/*\" {\n  capabilities = [\"read\"]\n}\n";

    Run write = cli.runWithStdin(hcl, "policy", "write", "cell-reader", "-");
    Run read = cli.run("policy", "read", "cell-reader");
    Run list = cli.run("policy", "list");
    Run delete = cli.run("policy", "delete", "cell-reader");
    Run gone = cli.run("policy", "read", "cell-reader");

    assertEquals(0, write.code(), write::toString);
    assertEquals(hcl, read.out());
    assertTrue(list.out().lines().anyMatch("cell-reader"::equals), list::toString);
    assertEquals(0, delete.code(), delete::toString);
    assertEquals(1, gone.code(), gone::toString);
  }

  @Test
  void policyWrite_invalidHcl_exitOneWithServerMessage() {
    Run run = cli.runWithStdin("path \"x\" { capabilities = [", "policy", "write", "broken", "-");

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("Code: 400"), run::toString);
  }

  @Test
  void auditEnableListVerify_onlineChainIntact() throws Exception {
    Run enable = cli.run("audit", "enable", "-path=cli", "file", "file_path=cli-audit.log");
    cli.run("kv", "put", "secret/audited", "a=1");
    Run list = cli.run("audit", "list");
    JsonNode listJson = json(cli.run("audit", "list", "-format=json"));
    Run verify = cli.run("audit", "verify", "cli/");

    assertEquals(0, enable.code(), enable::toString);
    assertTrue(
        list.out().matches("(?s)Path\\s+Type\\s+Description\\n.*cli/\\s+file.*"), list::toString);
    assertEquals("file", listJson.at("/cli~1/type").asText(), listJson::toString);
    assertEquals(0, verify.code(), verify::toString);
    assertTrue(verify.out().matches("(?s).*ok\\s+true.*"), verify::toString);
  }

  @Test
  void auditEnable_pathOutsideAuditDir_exitOneWithServerMessage() {
    Run run = cli.run("audit", "enable", "-path=escape", "file", "file_path=../../etc/x.log");

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("Code: 400"), run::toString);
  }

  @Test
  void pkiIssue_writesCertKeyChainWithKeyOwnerOnly() throws Exception {
    setUpPki(cli, dir);
    Path out = dir.resolve("issued");

    Run run =
        cli.run(
            "pki",
            "issue",
            "-out-dir=" + out,
            "-alt-names=b.example.net",
            "-ttl=1h",
            "cells",
            "cell-7.example.net");

    assertEquals(0, run.code(), run::toString);
    Path key = out.resolve("cell-7.example.net.key");
    Path cert = out.resolve("cell-7.example.net.crt");
    Path chain = out.resolve("cell-7.example.net-chain.pem");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)));
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertFalse(run.out().contains("PRIVATE KEY"), run::toString);
    Openssl.assertVerifies(chain, cert);
    Openssl.assertKeyMatches(key, cert);
    assertTrue(Openssl.text(cert).contains("DNS:b.example.net"));
  }

  @Test
  void pkiIssue_nameOutsideRole_exitOneWithServerMessageAndNoFiles() throws Exception {
    setUpPki(cli, dir);
    Path out = dir.resolve("refused");

    Run run = cli.run("pki", "issue", "-out-dir=" + out, "cells", "evil.example.com");

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.err().contains("Code: 400"), run::toString);
    assertFalse(Files.exists(out.resolve("evil.example.com.key")));
  }

  @Test
  void operatorReport_savedJsonVerifiesOffline_untilOneValueIsEdited() throws Exception {
    Path file = dir.resolve("report.json");
    Path html = dir.resolve("report.html");

    Run saved = cli.run("operator", "report", "-output", file.toString());
    Run page = cli.run("operator", "report", "-format=html", "-output=" + html);
    Run verified = cli.run("operator", "report", "verify", file.toString());
    String text = Files.readString(file);
    String edited = text.replaceFirst("\"status\" : \"[a-z_]+\"", "\"status\" : \"ok\"");
    Path editedFile = Files.writeString(dir.resolve("edited.json"), edited);
    Run altered = cli.run("operator", "report", "verify", editedFile.toString());
    Path notJson = Files.writeString(dir.resolve("not.json"), "{\"report\":");
    Run unreadable = cli.run("operator", "report", "verify", notJson.toString());

    assertEquals(0, saved.code(), saved::toString);
    assertEquals(0, page.code(), page::toString);
    assertTrue(Files.readString(html).contains("<svg"), "the HTML report has its charts");
    assertEquals(0, verified.code(), verified::toString);
    assertTrue(verified.out().startsWith("OK: report of "), verified::toString);
    // A dev server has an outstanding root token, so the overall status is not "ok" before.
    assertFalse(edited.equals(text), "the test edited the overall status");
    assertEquals(1, altered.code(), altered::toString);
    assertTrue(altered.out().startsWith("ALTERED"), altered::toString);
    assertEquals(2, unreadable.code(), unreadable::toString);
  }

  /** Role {@code cells} for example.net under the dev root CA, through the CLI's raw writes. */
  static synchronized void setUpPki(CliRunner cli, Path dir) throws Exception {
    if (cli.run("read", "pki/roles/cells").code() == 0) {
      return;
    }
    // A dev server's pki/ already holds its root CA: only the role is ours.
    Path role =
        Files.writeString(
            dir.resolve("role.json"),
            "{\"allowed_domains\":[\"example.net\"],\"allow_subdomains\":true,"
                + "\"key_type\":\"ec\",\"key_bits\":256,\"ttl\":\"24h\",\"max_ttl\":\"72h\"}");
    Run written = cli.run("write", "pki/roles/cells", "@" + role);
    assertEquals(0, written.code(), written::toString);
  }
}
