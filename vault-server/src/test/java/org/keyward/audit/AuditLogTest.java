package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.http.ApiError;
import org.keyward.http.Authorizer;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;
import org.keyward.testing.Futures;

class AuditLogTest {
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

  private FileAuditDevice device(String name, long maxBytes) throws Exception {
    return TestAuditLogs.open(
        vertx,
        TestAuditLogs.options(dir.resolve(name), maxBytes, 1000),
        new TestCheckpointSigner(),
        signing);
  }

  /** Makes the next rotation of {@code file} fail for any user, root included. */
  private static void blockRotation(Path file) throws Exception {
    Path blocker = AuditFileSet.rotatedName(file, 1);
    Files.createDirectory(blocker);
    Files.writeString(blocker.resolve("keep"), "x");
  }

  /** Sends requests until one fails; the number sent, or -1 if all of them succeeded. */
  private static int sendUntilFailure(AuditLog log, int max) {
    for (int i = 1; i <= max; i++) {
      try {
        Futures.await(log.record(TestAuditEvents.numbered(i)));
      } catch (Exception e) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void request_whenTheOnlyDeviceCannotWrite_fails() throws Exception {
    FileAuditDevice device = device("only.log", 4096);
    blockRotation(device.file());
    AuditLog log = new AuditLog(false);
    log.add(device);

    int failedAt = sendUntilFailure(log, 50);

    assertTrue(failedAt > 1, "the log must fail once the file cannot take a write");
    assertTrue(Files.size(device.file()) >= 4096);
    closeQuietly(log);
  }

  /** Stops the devices' writers before the temporary directory is deleted under them. */
  private static void closeQuietly(AuditLog log) {
    try {
      Futures.await(log.closeAll());
    } catch (Exception e) {
      // A broken device may fail its closing checkpoint; its writer has stopped all the same.
    }
  }

  @Test
  void request_whenOneOfTwoDevicesCannotWrite_succeeds() throws Exception {
    FileAuditDevice broken = device("broken.log", 4096);
    blockRotation(broken.file());
    FileAuditDevice healthy =
        Futures.await(
            FileAuditDevice.start(
                vertx,
                "file2/",
                AuditHmac.generate(),
                TestAuditLogs.options(dir.resolve("healthy.log"), 1 << 20, 1000),
                null,
                signing));
    AuditLog log = new AuditLog(false);
    log.add(broken);
    log.add(healthy);

    assertEquals(-1, sendUntilFailure(log, 30));
    // The broken device really did fail: its file stopped growing at the rotation point.
    long size = Files.size(broken.file());
    assertTrue(size < 4096 + 2048, "the broken device's file grew to " + size + " bytes");
    assertEquals(30, TestAuditLogs.lines(healthy.file()).size());
    closeQuietly(log);
  }

  @Test
  void start_whenTheFileCannotBeCreated_fails() throws Exception {
    Path notADirectory = dir.resolve("plain");
    Files.writeString(notADirectory, "x");

    CompletionException e =
        assertThrows(
            CompletionException.class,
            () ->
                TestAuditLogs.open(
                    vertx,
                    TestAuditLogs.options(notADirectory.resolve("audit.log"), 4096, 10),
                    null,
                    signing));
    assertTrue(e.getCause() instanceof java.io.IOException, e.toString());
  }

  @Test
  void request_withNoDeviceEnabled_succeedsUnlessADeviceIsRequired() throws Exception {
    AuditEvent event = TestAuditEvents.numbered(1);

    Futures.await(new AuditLog(false).record(event));
    assertEquals(503, Futures.apiError(new AuditLog(true).record(event)).status());
  }

  @Test
  void records_carryingACanary_holdOnlyItsHmac() throws Exception {
    String canary = "canary-" + UUID.randomUUID();
    String canaryToken = "hvs.canary-" + UUID.randomUUID();
    long canaryPin = 987_654_321L;
    FileAuditDevice device = device("canary.log", 1 << 20);
    AuditLog log = new AuditLog(false);
    log.add(device);
    JsonObject body =
        new JsonObject()
            .put("password", canary)
            .put("pin", canaryPin)
            .put("nested", new JsonObject().put("list", new JsonArray().add(canary)));
    RequestContext request = TestAuditEvents.kvWrite("devices/olt-1", body, canaryToken);

    Futures.await(log.request(request, Authorizer.Decision.allow("policy devices")));
    Futures.await(log.response(request, VaultResponse.data(new JsonObject().put("value", canary))));
    Futures.await(
        log.response(
            request,
            VaultResponse.auth(
                new JsonObject().put("client_token", canaryToken).put("accessor", "acc-1"))));
    Futures.await(log.error(request, ApiError.badRequest("bad field 'x'")));
    Futures.await(log.closeAll());

    String written = Files.readString(device.file(), StandardCharsets.UTF_8);
    assertFalse(written.contains(canary), "canary in plaintext");
    assertFalse(written.contains(canaryToken.substring(4)), "token in plaintext");
    assertFalse(written.contains(":" + canaryPin), "number in plaintext");
    assertTrue(written.contains(device.hmac().hash(canary)));
    assertTrue(written.contains(device.hmac().hash(canaryToken)));
    assertTrue(written.contains(device.hmac().hash(Long.toString(canaryPin))));
    assertTrue(written.contains("secret/data/devices/olt-1"), "paths stay readable");
    assertTrue(written.contains("\"reason\":\"policy devices\""), "decision recorded");
  }

  @Test
  void request_denied_recordsThePolicyDecision() throws Exception {
    FileAuditDevice device = device("denied.log", 1 << 20);
    AuditLog log = new AuditLog(false);
    log.add(device);
    RequestContext request = TestAuditEvents.kvRead("devices/olt-9");

    Futures.await(log.request(request, Authorizer.Decision.deny("no policy grants read")));
    Futures.await(log.error(request, ApiError.permissionDenied()));
    Futures.await(log.closeAll());

    List<String> lines = TestAuditLogs.lines(device.file());
    JsonObject denied = new JsonObject(lines.get(0));
    assertEquals("request", denied.getString("type"));
    assertEquals(
        new JsonObject().put("allowed", false).put("reason", "no policy grants read"),
        denied.getJsonObject("policy_decision"));
    JsonObject error = new JsonObject(lines.get(1));
    assertEquals("permission denied", error.getString("error"));
    assertEquals(403, error.getJsonObject("response").getInteger("status"));
  }
}
