package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans a real dev server with testssl.sh (Debian's {@code testssl}, installed by {@code .ci/run})
 * and fails on any finding: a CBC suite on TLS 1.2 (LUCKY13), client-initiated renegotiation, an
 * old protocol, a weak cipher category. The checks are picked for time: protocols ({@code -p}),
 * cipher categories ({@code -s}), renegotiation ({@code -R}) and LUCKY13 ({@code -L}); a full scan
 * takes minutes. The self-made CA's chain of trust is the one finding allowed (the scanner does not
 * trust it, by design); it appears only if {@code -S} is added.
 */
class TlsScanIT {
  static final Path TESTSSL = Path.of("/usr/bin/testssl");
  private static final Set<String> FINDING_SEVERITIES =
      Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL", "WARN", "FATAL");
  private static final Set<String> ALLOWED = Set.of("cert_chain_of_trust");

  @TempDir Path dir;

  @Test
  void devServer_scannedByTestssl_hasNoFindings() throws Exception {
    assertTrue(Files.isExecutable(TESTSSL), TESTSSL + " missing: apt-get install testssl.sh");
    try (DevServerProcess server = DevServerProcess.start(dir, "")) {
      Path json = dir.resolve("scan.json");
      Process scan =
          new ProcessBuilder(
                  TESTSSL.toString(),
                  "--quiet",
                  "--color",
                  "0",
                  "--warnings",
                  "off",
                  "--nodns",
                  "none",
                  "--connect-timeout",
                  "10",
                  "--openssl-timeout",
                  "10",
                  "--jsonfile",
                  json.toString(),
                  "-p",
                  "-s",
                  "-R",
                  "-L",
                  server.hostPort())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("scan.txt").toFile())
              .start();
      assertTrue(scan.waitFor(10, TimeUnit.MINUTES), "testssl finished");
      String report = Files.readString(dir.resolve("scan.txt"), StandardCharsets.UTF_8);
      JsonArray results = new JsonArray(Files.readString(json, StandardCharsets.UTF_8));
      assertTrue(ids(results).containsAll(List.of("secure_client_renego", "LUCKY13")), report);
      assertEquals(List.of(), findings(results), report);
    }
  }

  private static List<String> ids(JsonArray results) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      ids.add(results.getJsonObject(i).getString("id"));
    }
    return ids;
  }

  private static List<String> findings(JsonArray results) {
    List<String> findings = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      JsonObject r = results.getJsonObject(i);
      if (FINDING_SEVERITIES.contains(r.getString("severity"))
          && !ALLOWED.contains(r.getString("id"))) {
        findings.add(
            r.getString("id") + " " + r.getString("severity") + ": " + r.getString("finding"));
      }
    }
    return findings;
  }
}
