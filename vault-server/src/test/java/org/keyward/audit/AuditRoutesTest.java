package org.keyward.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.http.ApiError;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;
import org.keyward.testing.Futures;
import org.keyward.view.InMemoryStorageView;

class AuditRoutesTest {
  private static Vertx vertx;
  private static ExecutorService signing;

  @TempDir Path tmp;
  private Path auditDir;
  private InMemoryStorageView storage;
  private TestCheckpointSigner signer;
  private AuditDevices devices;
  private AuditRoutes routes;

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
  void setUp() throws Exception {
    auditDir = Files.createDirectory(tmp.resolve("audit"));
    storage = new InMemoryStorageView();
    signer = new TestCheckpointSigner();
    devices = newDevices();
    routes = new AuditRoutes(vertx, devices);
  }

  private AuditDevices newDevices() throws Exception {
    AuditDeviceFactory factory =
        new AuditDeviceFactory(vertx, new AuditDirectory(auditDir), signer, signing);
    return new AuditDevices(new AuditLog(false), new AuditDeviceStore(storage), factory);
  }

  private static RequestContext request(
      OperationKind kind, String path, Map<String, String> params, JsonObject body) {
    return TestAuditEvents.sys(kind, path, params, body);
  }

  private VaultResponse enable(String name, JsonObject body) throws Exception {
    RequestContext r = request(OperationKind.WRITE, "audit/" + name, Map.of("path", name), body);
    return Futures.await(routes.enable(AuditRequests.Enable.from(r), r));
  }

  private static JsonObject fileDevice(String filePath) {
    return new JsonObject()
        .put("type", "file")
        .put("options", new JsonObject().put("file_path", filePath));
  }

  private JsonObject list() throws Exception {
    RequestContext r = request(OperationKind.READ, "audit", Map.of(), new JsonObject());
    return Futures.await(routes.list(r, r)).data();
  }

  @Test
  void enable_fileDevice_isListedInVaultShapeAndStored() throws Exception {
    assertEquals(204, enable("file", fileDevice("vault.log")).status());

    JsonObject listed = list().getJsonObject("file/");
    assertEquals("file", listed.getString("type"));
    assertEquals("vault.log", listed.getJsonObject("options").getString("file_path"));
    assertFalse(listed.containsKey("hmac_key"));
    assertEquals(1, storage.keys().size());
    assertTrue(Files.exists(auditDir.resolve("vault.log")));
  }

  @Test
  void enable_pathOutsideAuditDirectory_isRefusedAndNothingIsStored() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("plugins"));

    for (String bad : new String[] {"../plugins/x.so", outside.resolve("x.so").toString()}) {
      ApiError e = assertThrows(ApiError.class, () -> enable("evil", fileDevice(bad)));
      assertEquals(400, e.status());
    }
    assertTrue(list().isEmpty());
    assertTrue(storage.keys().isEmpty());
  }

  @Test
  void auditHash_ofAValue_matchesTheHmacInTheLog() throws Exception {
    enable("file", fileDevice("vault.log"));
    RequestContext write =
        TestAuditEvents.kvWrite("a", new JsonObject().put("password", "s3cret"), "tok");
    Futures.await(devices.log().request(write, null));

    RequestContext r =
        request(
            OperationKind.WRITE,
            "audit-hash/file",
            Map.of("path", "file"),
            new JsonObject().put("input", "s3cret"));
    String hash =
        Futures.await(routes.hash(AuditRequests.Hash.from(r), r)).data().getString("hash");

    assertTrue(hash.startsWith("hmac-sha256:"));
    assertTrue(Files.readString(auditDir.resolve("vault.log")).contains(hash));
  }

  @Test
  void auditVerify_liveDevice_reportsOkAndThenACutTail() throws Exception {
    enable("file", fileDevice("vault.log"));
    for (int i = 0; i < 10; i++) {
      Futures.await(devices.log().record(TestAuditEvents.numbered(i)));
    }
    RequestContext r =
        request(
            OperationKind.WRITE, "audit-verify", Map.of(), new JsonObject().put("path", "file"));

    JsonObject ok = Futures.await(routes.verify(AuditRequests.Verify.from(r), r)).data();
    assertTrue(ok.getBoolean("ok"), ok.encode());

    Path file = auditDir.resolve("vault.log");
    var lines = TestAuditLogs.lines(file);
    TestAuditLogs.rewrite(file, lines.subList(0, lines.size() - 2));
    JsonObject cut = Futures.await(routes.verify(AuditRequests.Verify.from(r), r)).data();
    assertFalse(cut.getBoolean("ok"), cut.encode());
    assertEquals("missing", cut.getString("problem"));
  }

  @Test
  void disable_thenRestore_bringsBackOnlyStoredDevicesWithTheirKeys() throws Exception {
    enable("file", fileDevice("vault.log"));
    enable("other", fileDevice("other.log"));
    String before = devices.log().device("file/").orElseThrow().hmac().hash("x");
    RequestContext del =
        request(OperationKind.DELETE, "audit/other", Map.of("path", "other"), new JsonObject());
    assertEquals(204, Futures.await(routes.disable(AuditRequests.Path.from(del), del)).status());
    Futures.await(devices.log().closeAll());

    AuditDevices restored = newDevices();
    Futures.await(restored.restore());

    assertEquals(1, restored.list().size());
    assertEquals(before, restored.log().device("file/").orElseThrow().hmac().hash("x"));
    Futures.await(restored.log().closeAll());
  }

  @Test
  void list_withNoDevice_warnsThatRequestsAreNotAudited() throws Exception {
    RequestContext r = request(OperationKind.READ, "audit", Map.of(), new JsonObject());

    VaultResponse response = Futures.await(routes.list(r, r));

    assertEquals(1, response.warnings().size());
  }
}
