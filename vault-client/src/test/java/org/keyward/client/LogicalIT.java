package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw path reads, writes, lists and deletes (what the CLI's read/write/list/delete use). */
class LogicalIT {
  @TempDir static Path dir;
  static LiveVault vault;
  static Logical logical;

  @BeforeAll
  static void start() {
    vault = LiveVault.start(dir);
    logical = vault.rootClient().logical();
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void writeReadListDelete_onKvPaths() {
    VaultReply written = logical.write("secret/data/raw/a", Map.of("data", Map.of("k", "v")));

    VaultReply read = logical.read("/v1/secret/data/raw/a").orElseThrow();
    List<String> keys = logical.list("secret/metadata/raw");
    logical.delete("secret/metadata/raw/a");

    assertEquals(1, written.data().path("version").asInt());
    assertEquals("v", read.data().path("data").path("k").asText());
    assertEquals(List.of("a"), keys);
    assertTrue(logical.read("secret/data/raw/a").isEmpty());
    assertEquals(List.of(), logical.list("secret/metadata/raw"));
  }

  @Test
  void read_pemEndpoint_keepsRawBody() {
    VaultReply pem = logical.read("pki/ca/pem").orElseThrow();

    assertTrue(pem.text().startsWith("-----BEGIN CERTIFICATE-----"), pem::text);
    assertEquals(
        "Keyward Dev Root CA",
        Pem.certificate(pem.text()).getSubjectX500Principal().getName().replace("CN=", ""));
  }
}
