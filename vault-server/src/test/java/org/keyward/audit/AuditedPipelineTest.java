package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.PipelineHarness.errors;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.VaultResponse;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;

/**
 * The real pipeline in front of a real {@link AuditLog} and file device: an operation without
 * effects is recorded as request and response together after it ran, and nothing of its result
 * leaves unless both lines are written; an operation with effects still has its request record on
 * disk before its action runs.
 */
class AuditedPipelineTest {
  private static final String SECRET = "canary-s3cret-value-7781";

  private static Vertx vertx;
  private static ExecutorService signing;

  @TempDir Path dir;

  private final TestCheckpointSigner signer = new TestCheckpointSigner();
  private final AtomicInteger changes = new AtomicInteger();
  private FileAuditDevice device;
  private PipelineHarness server;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    signing = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stopVertx() {
    signing.shutdown();
    Futures.await(vertx.close());
  }

  @BeforeEach
  void start() throws Exception {
    device =
        TestAuditLogs.open(
            vertx, TestAuditLogs.options(dir.resolve("audit.log"), 1 << 20, 5), signer, signing);
    AuditLog log = new AuditLog(false);
    log.add(device);
    server = PipelineHarness.builder(vertx).mount("test/", "test", operations()).audit(log).start();
  }

  @AfterEach
  void stop() {
    server.close();
    Futures.await(device.close());
  }

  private List<Operation<?>> operations() {
    return List.of(
        Operation.read(
                "secret",
                r -> null,
                (in, r) ->
                    Future.succeededFuture(
                        VaultResponse.data(new JsonObject().put("value", SECRET))))
            .with(Operation.Flag.NO_EFFECTS),
        Operation.read("missing", r -> null, (in, r) -> Future.failedFuture(ApiError.notFound()))
            .with(Operation.Flag.NO_EFFECTS),
        // Its request is recorded, then the device goes away before its outcome can be.
        Operation.write(
            "fail-unrecorded",
            r -> null,
            (in, r) ->
                device
                    .close()
                    .compose(v -> Future.<VaultResponse>failedFuture(ApiError.notFound()))),
        // What the audit file holds when the action runs: the request record must be there.
        Operation.write(
            "change",
            r -> null,
            (in, r) -> {
              changes.incrementAndGet();
              return vertx
                  .fileSystem()
                  .readFile(device.file().toString())
                  .map(
                      file ->
                          VaultResponse.data(
                              new JsonObject()
                                  .put("request_on_disk", hasRequestLine(file, r.requestId()))));
            }));
  }

  private static boolean hasRequestLine(Buffer file, String requestId) {
    for (String line : file.toString().split("\n")) {
      JsonObject record = new JsonObject(line);
      if ("request".equals(record.getString("type"))
          && requestId.equals(record.getJsonObject("request").getString("id"))) {
        return true;
      }
    }
    return false;
  }

  private List<JsonObject> records() throws Exception {
    return TestAuditLogs.lines(device.file()).stream()
        .map(JsonObject::new)
        .filter(r -> !"checkpoint".equals(r.getString("type")))
        .toList();
  }

  @Test
  void read_withoutEffects_recordsRequestThenResponseBeforeAnswering() throws Exception {
    HttpResponse<Buffer> first = server.root(HttpMethod.GET, "test/secret", null);
    HttpResponse<Buffer> second = server.root(HttpMethod.GET, "test/secret", null);

    assertEquals(200, first.statusCode());
    assertEquals(200, second.statusCode());
    List<JsonObject> records = records();
    assertEquals(4, records.size(), records.toString());
    for (int i = 0; i < 4; i += 2) {
      JsonObject request = records.get(i);
      JsonObject response = records.get(i + 1);
      assertEquals("request", request.getString("type"));
      assertEquals("response", response.getString("type"));
      assertEquals(
          request.getJsonObject("request").getString("id"),
          response.getJsonObject("request").getString("id"));
      assertEquals(200, response.getJsonObject("response").getInteger("status"));
      assertTrue(
          response
              .getJsonObject("response")
              .getJsonObject("data")
              .getString("value")
              .startsWith(AuditHmac.PREFIX));
      assertEquals(
          "test/secret", request.getJsonObject("request").getString("path"), request.encode());
    }
    assertFalse(Files.readString(device.file()).contains(SECRET));
    Futures.await(device.close());
    AuditVerification verified = AuditVerifier.verifySet(device.file(), signer.publicKey(), -1);
    assertTrue(verified.ok(), verified.report());
  }

  @Test
  void write_whoseErrorCannotBeRecorded_answers503NotTheError() throws Exception {
    HttpResponse<Buffer> r = server.root(HttpMethod.POST, "test/fail-unrecorded", new JsonObject());

    assertEquals(503, r.statusCode(), r.bodyAsString());
    assertEquals(List.of("audit log unavailable"), errors(r));
    List<JsonObject> records = records();
    assertEquals(1, records.size(), records.toString());
    assertEquals("request", records.get(0).getString("type"));
  }

  @Test
  void read_withoutEffects_failingAction_recordsRequestAndError() throws Exception {
    HttpResponse<Buffer> r = server.root(HttpMethod.GET, "test/missing", null);

    assertEquals(404, r.statusCode());
    List<JsonObject> records = records();
    assertEquals(2, records.size(), records.toString());
    assertEquals("request", records.get(0).getString("type"));
    assertEquals("response", records.get(1).getString("type"));
    assertEquals(404, records.get(1).getJsonObject("response").getInteger("status"));
  }

  @Test
  void read_withoutEffects_throughAClosedDevice_answers503WithoutTheResult() {
    Futures.await(device.close());

    HttpResponse<Buffer> found = server.root(HttpMethod.GET, "test/secret", null);
    HttpResponse<Buffer> missing = server.root(HttpMethod.GET, "test/missing", null);

    assertEquals(503, found.statusCode());
    assertEquals(List.of("audit log unavailable"), errors(found));
    assertEquals(-1, found.bodyAsString().indexOf(SECRET));
    // Not even whether the target exists: a 404 unrecorded is a result too.
    assertEquals(503, missing.statusCode());
    assertEquals(List.of("audit log unavailable"), errors(missing));
  }

  @Test
  void write_withEffects_hasItsRequestRecordOnDiskBeforeTheActionRuns() throws Exception {
    PipelineHarness.Response r = server.post("test/change", new JsonObject());

    assertEquals(200, r.status());
    assertEquals(true, r.data().getBoolean("request_on_disk"));
    List<JsonObject> records = records();
    assertEquals(2, records.size(), records.toString());
    assertEquals("request", records.get(0).getString("type"));
    assertEquals("response", records.get(1).getString("type"));
  }

  @Test
  void write_withEffects_throughAClosedDevice_neverRuns() {
    Futures.await(device.close());

    PipelineHarness.Response r = server.post("test/change", new JsonObject());

    assertEquals(503, r.status());
    assertEquals(List.of("audit log unavailable"), r.errors());
    assertEquals(0, changes.get());
  }
}
