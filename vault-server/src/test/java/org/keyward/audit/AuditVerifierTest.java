package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.testing.Futures;

/** Writes a real signed log, tampers with it the ways an intruder would, and checks the verdict. */
class AuditVerifierTest {
  private static final int RECORDS = 30;
  private static Vertx vertx;
  private static ExecutorService signing;

  @TempDir Path dir;
  private Path file;
  private TestCheckpointSigner signer;
  private List<String> lines;

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

  @BeforeEach
  void writeLog() throws Exception {
    file = dir.resolve("audit.log");
    signer = new TestCheckpointSigner();
    FileAuditDevice device =
        TestAuditLogs.open(vertx, TestAuditLogs.options(file, 1 << 20, 5), signer, signing);
    TestAuditLogs.writeAndClose(device, 1, RECORDS);
    lines = TestAuditLogs.lines(file);
  }

  private AuditVerification verify() throws Exception {
    return new AuditVerifier(signer.publicKey(), -1).verify(List.of(file));
  }

  @Test
  void verify_untouchedLog_isOkWithCheckpointsUpToTheEnd() throws Exception {
    AuditVerification result = verify();

    assertTrue(result.ok(), result.report());
    assertEquals(lines.size(), result.records());
    assertTrue(result.checkpoints() >= 2, result.report());
    // The final checkpoint, written at close, covers the last record before it.
    assertEquals(lines.size() - 1, result.lastCheckpointSeq());
    assertTrue(result.notes().isEmpty(), result.report());
    assertTrue(signer.calls() < RECORDS, "signing must be batched, not per record");
  }

  @Test
  void verify_fieldOfRecordEdited_namesThatRecord() throws Exception {
    // Checkpoint lines land where signing finishes; edit the first request record from 12 on.
    int k = 12;
    while (!lines.get(k - 1).contains("\"type\":\"request\"")) {
      k++;
    }
    String original = lines.get(k - 1);
    String edited = original.replace("devices/olt-", "devices/olX-");
    assertFalse(original.equals(edited));
    lines.set(k - 1, edited);
    TestAuditLogs.rewrite(file, lines);

    AuditVerification result = verify();

    assertEquals(AuditVerification.Problem.CHANGED, result.problem(), result.report());
    assertEquals(k, result.seq());
    assertEquals(
        "record " + k + " changed: its hash does not match the prev of record " + (k + 1),
        result.message());
  }

  @Test
  void verify_recordDropped_namesTheMissingRecord() throws Exception {
    lines.remove(9);
    TestAuditLogs.rewrite(file, lines);

    AuditVerification result = verify();

    assertEquals(AuditVerification.Problem.MISSING, result.problem(), result.report());
    assertEquals(10, result.seq());
    assertEquals("record 10 missing", result.message());
  }

  @Test
  void verify_twoRecordsSwapped_reportsReorderAtTheFirst() throws Exception {
    Collections.swap(lines, 6, 7);
    TestAuditLogs.rewrite(file, lines);

    AuditVerification result = verify();

    assertEquals(AuditVerification.Problem.REORDERED, result.problem(), result.report());
    assertEquals(7, result.seq());
  }

  @Test
  void verify_lastLineCutMidway_reportsTruncation() throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));

    AuditVerification result = verify();

    assertEquals(AuditVerification.Problem.TRUNCATED, result.problem(), result.report());
    assertEquals(lines.size(), result.seq());
  }

  @Test
  void verify_wholeLinesCutFromTheEnd_isOkButSaysTheTailIsUnproven() throws Exception {
    // Cut after the second-to-last request record, so the kept log ends on an unsigned record.
    int keep = lines.size() - 1;
    int requestsSeen = 0;
    while (requestsSeen < 2) {
      keep--;
      if (lines.get(keep).contains("\"type\":\"request\"")) {
        requestsSeen++;
      }
    }
    TestAuditLogs.rewrite(file, lines.subList(0, keep + 1));

    AuditVerification result = verify();

    assertTrue(result.ok(), result.report());
    assertTrue(
        result.notes().stream()
            .anyMatch(
                n ->
                    n.contains("cannot be proven missing")
                        || n.contains("cut-off log cannot be told")),
        result.report());
  }

  @Test
  void verify_tailCutWithKnownLastSeq_namesTheMissingRecords() throws Exception {
    TestAuditLogs.rewrite(file, lines.subList(0, lines.size() - 3));

    AuditVerification result =
        new AuditVerifier(signer.publicKey(), lines.size()).verify(List.of(file));

    assertEquals(AuditVerification.Problem.MISSING, result.problem(), result.report());
    assertEquals(lines.size() - 2, result.seq());
  }

  @Test
  void verify_checkpointSignatureCorrupted_namesTheCheckpoint() throws Exception {
    int at = TestAuditLogs.checkpointLines(lines).get(1);
    String line = lines.get(at);
    int sig = line.indexOf("\"signature\":\"") + "\"signature\":\"".length() + 10;
    char flipped = line.charAt(sig) == 'A' ? 'B' : 'A';
    lines.set(at, line.substring(0, sig) + flipped + line.substring(sig + 1));
    TestAuditLogs.rewrite(file, lines);

    AuditVerification result = verify();

    assertEquals(AuditVerification.Problem.BAD_SIGNATURE, result.problem(), result.report());
    assertEquals(at + 1, result.seq());
  }

  @Test
  void verify_checkpointFromAnotherKey_isRefusedUnderThePublishedKey() throws Exception {
    AuditVerification result =
        new AuditVerifier(new TestCheckpointSigner().publicKey(), -1).verify(List.of(file));

    assertEquals(AuditVerification.Problem.BAD_SIGNATURE, result.problem(), result.report());
  }

  @Test
  void verify_headOfFileCut_namesTheMissingStart() throws Exception {
    TestAuditLogs.rewrite(file, lines.subList(2, lines.size()));

    AuditVerification result = verify();

    assertEquals(AuditVerification.Problem.MISSING, result.problem(), result.report());
    assertEquals(1, result.seq());
    assertTrue(result.message().startsWith("records 1 to 2 missing"), result.message());
  }

  @Test
  void verify_withoutTrustedKey_usesEmbeddedKeyAndSaysSo() throws Exception {
    AuditVerification result = new AuditVerifier(null, -1).verify(List.of(file));

    assertTrue(result.ok(), result.report());
    String fingerprint = AuditChain.sha256Hex(signer.publicKey().getEncoded());
    assertTrue(result.notes().stream().anyMatch(n -> n.contains(fingerprint)), result.report());
  }

  @Test
  void verify_lineReplacedByGarbage_namesThatRecord() throws Exception {
    lines.set(4, "not json at all");
    TestAuditLogs.rewrite(file, lines);

    AuditVerification result = verify();

    assertEquals(AuditVerification.Problem.CHANGED, result.problem(), result.report());
    assertEquals(5, result.seq());
    assertTrue(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains("not json"));
  }
}
