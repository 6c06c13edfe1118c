package org.keyward.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.client.cli.CliRunner.Run;
import org.keyward.server.VaultTestServer;

/**
 * {@code bin/keyward} as an operator runs it: a separate process on the packaged CLI jar (built by
 * {@code package}, before these tests run in {@code verify}), its exit codes and output, and the
 * launcher sending {@code audit verify <file>} to the server jar.
 */
class BinKeywardIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  @TempDir static Path dir;
  static VaultTestServer server;
  static Map<String, String> env;

  @BeforeAll
  static void start() throws Exception {
    Path jar = REPO.resolve("vault-client/target/keyward-cli.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is made by mvn package; run these in verify");
    server = VaultTestServer.startDev(dir.resolve("data"));
    env = CliRunner.environment(server, Files.createDirectories(dir.resolve("home")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Run keyward(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(REPO.resolve("bin/keyward").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    return new Run(code, out, Files.readString(err));
  }

  @Test
  void kvPutFromStdinThenGetField_roundTripsThroughProcesses() throws Exception {
    Run put = keyward("hunter2\n", "kv", "put", "secret/proc", "password=-");
    Run get = keyward("", "kv", "get", "-field=password", "secret/proc");
    Run json = keyward("", "kv", "get", "-format=json", "secret/proc");

    assertEquals(0, put.code(), put::toString);
    assertEquals("hunter2\n", get.out(), get::toString);
    assertTrue(json.out().contains("\"password\" : \"hunter2\""), json::toString);
  }

  @Test
  void usageError_exitTwo() throws Exception {
    Run missing = keyward("", "kv", "get");
    Run unknownOption = keyward("", "kv", "put", "-nope", "secret/x", "a=1");

    assertEquals(2, missing.code(), missing::toString);
    assertTrue(missing.err().contains("Missing required parameter"), missing::toString);
    assertEquals(2, unknownOption.code(), unknownOption::toString);
  }

  @Test
  void serverError_exitOneWithServerMessage() throws Exception {
    keyward("", "kv", "put", "secret/proc-cas", "a=1");

    Run run = keyward("", "kv", "put", "-cas=9", "secret/proc-cas", "a=2");

    assertEquals(1, run.code(), run::toString);
    assertTrue(
        run.err().contains("check-and-set parameter did not match the current version"),
        run::toString);
  }

  @Test
  void pkiIssue_writesKeyFileOwnerOnly() throws Exception {
    OperatorCliIT.setUpPki(new CliRunner(env), dir);

    Run run = keyward("", "pki", "issue", "-out=cell", "cells", "cell-9.example.net");

    assertEquals(0, run.code(), run::toString);
    Path key = dir.resolve("cell.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    Openssl.assertVerifies(dir.resolve("cell-chain.pem"), dir.resolve("cell.crt"));
    Openssl.assertKeyMatches(key, dir.resolve("cell.crt"));
  }

  @Test
  void auditVerify_localFileGoesOffline_devicePathAsksServer() throws Exception {
    Run enable = keyward("", "audit", "enable", "-path=proc", "file", "file_path=proc.log");
    keyward("", "kv", "put", "secret/audited", "a=1");
    Path file = dir.resolve("data/audit/proc.log");

    Run offline = keyward("", "audit", "verify", file.toString());
    Run online = keyward("", "audit", "verify", "proc/");

    assertEquals(0, enable.code(), enable::toString);
    assertEquals(0, offline.code(), offline::toString);
    assertTrue(offline.out().startsWith("OK: "), offline::toString);
    assertEquals(0, online.code(), online::toString);
    assertTrue(online.out().matches("(?s).*ok\\s+true.*"), online::toString);
  }
}
