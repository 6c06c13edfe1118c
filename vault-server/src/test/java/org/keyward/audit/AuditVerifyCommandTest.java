package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.testing.Futures;
import picocli.CommandLine;

class AuditVerifyCommandTest {
  private static Vertx vertx;
  private static ExecutorService signing;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    signing = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    signing.shutdown();
    Futures.await(vertx.close());
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new AuditVerifyCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    return cli.execute(args);
  }

  private Path writeLog(TestCheckpointSigner signer) throws Exception {
    Path file = dir.resolve("audit.log");
    TestAuditLogs.writeAndClose(
        TestAuditLogs.open(vertx, TestAuditLogs.options(file, 4096, 5), signer, signing), 1, 20);
    return file;
  }

  private Path pem(TestCheckpointSigner signer) throws Exception {
    String b64 = Base64.getMimeEncoder().encodeToString(signer.publicKey().getEncoded());
    return Files.writeString(
        dir.resolve("audit.pub.pem"),
        "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
  }

  @Test
  void verify_intactRotatedLogWithPublishedKey_exitsZero() throws Exception {
    TestCheckpointSigner signer = new TestCheckpointSigner();
    Path file = writeLog(signer);

    assertEquals(0, run(file.toString(), "--public-key", pem(signer).toString()), out.toString());
    assertTrue(out.toString().startsWith("OK: "), out.toString());
  }

  @Test
  void verify_droppedRecord_exitsOneNamingIt() throws Exception {
    TestCheckpointSigner signer = new TestCheckpointSigner();
    Path file = writeLog(signer);
    Path oldest = AuditFileSet.rotatedName(file, 1);
    List<String> lines = TestAuditLogs.lines(oldest);
    lines.remove(3);
    TestAuditLogs.rewrite(oldest, lines);

    assertEquals(1, run(file.toString()));
    assertTrue(out.toString().startsWith("TAMPERED: record 4 missing"), out.toString());
  }

  @Test
  void verify_missingFileOrNoArgument_exitsTwo() {
    assertEquals(2, run(dir.resolve("absent.log").toString()));
    assertEquals(2, run());
  }
}
