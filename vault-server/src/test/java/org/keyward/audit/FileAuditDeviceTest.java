package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.http.VaultResponse;
import org.keyward.testing.Futures;

class FileAuditDeviceTest {
  private static Vertx vertx;
  private static ExecutorService signing;

  @TempDir Path dir;

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

  @Test
  void append_pastMaxBytes_rotatesIntoLinkedFilesThatVerifyAsOne() throws Exception {
    Path file = dir.resolve("audit.log");
    TestCheckpointSigner signer = new TestCheckpointSigner();
    FileAuditDevice device =
        TestAuditLogs.open(vertx, TestAuditLogs.options(file, 4096, 7), signer, signing);

    TestAuditLogs.writeAndClose(device, 1, 60);

    List<Path> files = AuditFileSet.members(file);
    assertTrue(files.size() >= 4, "expected several rotated files, got " + files);
    for (Path f : files.subList(0, files.size() - 1)) {
      assertTrue(Files.size(f) < 4096 + 2048, f + " grew well past max_bytes");
    }
    AuditVerification result = AuditVerifier.verifySet(file, signer.publicKey(), -1);
    assertTrue(result.ok(), result.report());
    long activeFirst =
        new io.vertx.core.json.JsonObject(TestAuditLogs.lines(file).get(0)).getLong("seq");
    assertTrue(activeFirst > 1, "the active file continues the chain of the rotated ones");
  }

  @Test
  void verifySet_recordDroppedInARotatedFile_namesIt() throws Exception {
    Path file = dir.resolve("audit.log");
    TestCheckpointSigner signer = new TestCheckpointSigner();
    TestAuditLogs.writeAndClose(
        TestAuditLogs.open(vertx, TestAuditLogs.options(file, 4096, 7), signer, signing), 1, 40);
    Path second = AuditFileSet.rotatedName(file, 2);
    List<String> lines = TestAuditLogs.lines(second);
    long firstSeq = new io.vertx.core.json.JsonObject(lines.get(0)).getLong("seq");
    lines.remove(2);
    TestAuditLogs.rewrite(second, lines);

    AuditVerification result = AuditVerifier.verifySet(file, signer.publicKey(), -1);

    assertEquals(AuditVerification.Problem.MISSING, result.problem(), result.report());
    assertEquals(firstSeq + 2, result.seq());
  }

  @Test
  void start_onAnExistingLog_continuesItsChain() throws Exception {
    Path file = dir.resolve("audit.log");
    TestCheckpointSigner signer = new TestCheckpointSigner();
    TestAuditLogs.writeAndClose(
        TestAuditLogs.open(vertx, TestAuditLogs.options(file, 1 << 20, 5), signer, signing), 1, 12);
    // A crash left half a line: never acknowledged, so it is cut when the device reopens.
    Files.writeString(file, "{\"seq\":99,\"prev\":\"ab", java.nio.file.StandardOpenOption.APPEND);

    FileAuditDevice reopened =
        TestAuditLogs.open(vertx, TestAuditLogs.options(file, 1 << 20, 5), signer, signing);
    TestAuditLogs.writeAndClose(reopened, 13, 12);

    AuditVerification result = AuditVerifier.verifySet(file, signer.publicKey(), -1);
    assertTrue(result.ok(), result.report());
    assertEquals(reopened.lastSeq(), result.lastSeq());
  }

  @Test
  void append_fromManyConcurrentCallers_keepsOneUnbrokenChain() throws Exception {
    Path file = dir.resolve("audit.log");
    TestCheckpointSigner signer = new TestCheckpointSigner();
    FileAuditDevice device =
        TestAuditLogs.open(vertx, TestAuditLogs.options(file, 1 << 20, 50), signer, signing);
    List<Future<Void>> appends = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      appends.add(device.append(TestAuditEvents.numbered(i)));
    }

    Futures.await(Future.all(appends));
    Futures.await(device.close());

    AuditVerification result = AuditVerifier.verifySet(file, signer.publicKey(), -1);
    assertTrue(result.ok(), result.report());
    assertTrue(result.records() >= 500);
    assertTrue(result.checkpoints() >= 1);
  }

  @Test
  void appendPair_fromManyConcurrentCallers_keepsEachPairAdjacentAndCheckpointsVerify()
      throws Exception {
    Path file = dir.resolve("audit.log");
    TestCheckpointSigner signer = new TestCheckpointSigner();
    FileAuditDevice device =
        TestAuditLogs.open(vertx, TestAuditLogs.options(file, 1 << 20, 7), signer, signing);
    List<Future<Void>> appends = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      AuditEvent request = TestAuditEvents.numbered(i);
      AuditEvent response =
          AuditEvent.response(
              request.request(), VaultResponse.data(new JsonObject().put("n", "pw-" + i)));
      appends.add(device.append(request, response));
      appends.add(device.append(TestAuditEvents.numbered(1000 + i)));
    }

    Futures.await(Future.all(appends));
    Futures.await(device.close());

    AuditVerification result = AuditVerifier.verifySet(file, signer.publicKey(), -1);
    assertTrue(result.ok(), result.report());
    assertEquals(900, result.records() - result.checkpoints(), result.report());
    assertTrue(result.checkpoints() >= 1, result.report());
    List<JsonObject> lines =
        TestAuditLogs.lines(file).stream()
            .map(JsonObject::new)
            .filter(l -> !"checkpoint".equals(l.getString("type")))
            .toList();
    for (int i = 0; i < lines.size(); i++) {
      if ("response".equals(lines.get(i).getString("type"))) {
        JsonObject request = lines.get(i - 1);
        assertEquals("request", request.getString("type"));
        assertEquals(
            request.getJsonObject("request").getString("id"),
            lines.get(i).getJsonObject("request").getString("id"));
      }
    }
  }
}
