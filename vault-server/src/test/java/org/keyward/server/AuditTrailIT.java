package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * The audit trail through the whole server: a file device enabled over the API records every
 * request before it is answered, holds a canary secret only as its HMAC, checkpoints signed with
 * the audit key in the SoftHSM token verify, and an edited line is named by the offline verifier.
 */
class AuditTrailIT {
  @TempDir Path dir;
  private VaultTestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void fileDevice_recordsOnlyHmacsOfSecrets_andVerifiesUntilTampered() throws Exception {
    server = VaultTestServer.startDev(dir.resolve("data"));
    String canary = "canary-" + UUID.randomUUID();
    Response enabled =
        server.call(
            "PUT",
            "/v1/sys/audit/file",
            VaultTestServer.ROOT,
            new JsonObject()
                .put("type", "file")
                .put("options", new JsonObject().put("file_path", "audit.log")));
    Response outside =
        server.call(
            "PUT",
            "/v1/sys/audit/escape",
            VaultTestServer.ROOT,
            new JsonObject()
                .put("type", "file")
                .put("options", new JsonObject().put("file_path", "../escape.log")));

    server.post(
        "/v1/secret/data/devices/olt-1",
        new JsonObject().put("data", new JsonObject().put("password", canary)));
    Response read = server.get("/v1/secret/data/devices/olt-1");
    Response denied = server.call("GET", "/v1/secret/data/devices/olt-1", "hvs.not-a-token", null);
    Response hash = server.post("/v1/sys/audit-hash/file", new JsonObject().put("input", canary));
    Response verified = server.post("/v1/sys/audit-verify", new JsonObject().put("path", "file/"));
    server.stop();

    Path log = dir.resolve("data").resolve("audit").resolve("audit.log");
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(204, enabled.status(), enabled::body);
    assertEquals(400, outside.status(), outside::body);
    assertEquals(200, read.status());
    assertEquals(403, denied.status());
    assertFalse(text.contains(canary), "the canary secret is in the audit log in clear");
    assertFalse(text.contains(VaultTestServer.ROOT), "a token is in the audit log in clear");
    String hmac = hash.data().getString("hash");
    assertTrue(hmac.startsWith("hmac-sha256:"), hash::body);
    assertTrue(text.contains(hmac), "the canary's HMAC is what the log holds");
    assertTrue(text.contains("permission denied"), "the denied request is recorded");
    assertTrue(verified.data().getBoolean("ok"), verified::body);
    assertEquals(0, AuditVerifyProcess.run(log));

    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    String original = lines.get(3);
    String edited = original.replace("\"time\":\"2", "\"time\":\"1");
    assertFalse(original.equals(edited), "the record to edit has a time field: " + original);
    lines.set(3, edited);
    Files.write(log, lines, StandardCharsets.UTF_8);
    assertEquals(1, AuditVerifyProcess.run(log));
  }

  /** {@code keyward audit verify <file>} in this JVM, as the launcher runs it. */
  private static final class AuditVerifyProcess {
    static int run(Path file) {
      return new picocli.CommandLine(new org.keyward.audit.AuditVerifyCommand())
          .execute(file.toString());
    }
  }
}
