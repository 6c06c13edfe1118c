package org.keyward.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.VaultMetadataResponse;
import org.springframework.vault.support.Versioned;

/** Spring Vault's {@code VaultVersionedKeyValueOperations}, unchanged, against the kv engine. */
@ExtendWith(VertxExtension.class)
class KvSpringVaultIT {
  private final InMemoryStorageView storage = new InMemoryStorageView();
  private PipelineHarness server;
  private VaultVersionedKeyValueOperations kv;

  @BeforeEach
  void start(Vertx vertx) {
    server =
        PipelineHarness.builder(vertx)
            .mount(
                "secret/",
                "kv",
                new KvEngine(storage, new TestClock(Instant.parse("2026-03-22T02:36:43Z")))
                    .operations())
            .start();
    VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    endpoint.setScheme("http");
    VaultTemplate template =
        new VaultTemplate(
            endpoint,
            new JdkClientHttpRequestFactory(),
            new SimpleSessionManager(new TokenAuthentication(PipelineHarness.ROOT_TOKEN)));
    kv = template.opsForVersionedKeyValue("secret");
  }

  /** Spring serializes plain maps and lists; Vert.x's JsonObject/JsonArray would become beans. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(JsonObject json) {
    return (Map<String, Object>) io.vertx.core.json.Json.decodeValue(json.toBuffer(), Map.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void putAndGet_deviceParameterSet_roundTripsThroughSpringVault() {
    Map<String, Object> device = plain(TestSecrets.deviceParameters());

    Versioned.Metadata written = kv.put("devices/olt-17", device);
    Versioned<Map<String, Object>> read = kv.get("devices/olt-17");

    assertEquals(1, written.getVersion().getVersion());
    assertNotNull(read);
    assertEquals(TestSecrets.deviceParameters(), new JsonObject(read.getData()));
    assertEquals(1, read.getVersion().getVersion());
    assertFalse(read.getMetadata().isDeleted());
  }

  @Test
  void put_withVersionedCas_acceptsCurrentAndRejectsStale() {
    kv.put("app", Map.of("password", "one"));

    kv.put("app", Versioned.create(Map.of("password", "two"), Versioned.Version.from(1)));
    RuntimeException stale =
        assertThrows(
            RuntimeException.class,
            () ->
                kv.put(
                    "app", Versioned.create(Map.of("password", "x"), Versioned.Version.from(1))));

    assertTrue(stale.getMessage().contains(SecretChanges.CAS_MISMATCH), stale::getMessage);
    assertEquals("two", kv.get("app").getData().get("password"));
  }

  @Test
  void deleteUndeleteDestroy_andMetadata_workThroughSpringVault() {
    kv.put("app", Map.of("password", "one"));
    kv.put("app", Map.of("password", "two"));

    kv.delete("app", Versioned.Version.from(2));
    Versioned<Map<String, Object>> deleted = kv.get("app");
    kv.undelete("app", Versioned.Version.from(2));
    kv.destroy("app", Versioned.Version.from(1));
    VaultMetadataResponse metadata = kv.opsForKeyValueMetadata().get("app");

    assertTrue(deleted == null || !deleted.hasData());
    assertEquals("two", kv.get("app").getData().get("password"));
    assertNotNull(metadata);
    assertEquals(2, metadata.getCurrentVersion());
    assertTrue(metadata.getVersions().get(0).isDestroyed());
    assertEquals(List.of("app"), kv.list(""));
  }
}
