package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.VaultHealth;
import org.springframework.vault.support.Versioned;

/**
 * Spring Vault, a real Vault client, unchanged against the whole server over TLS with a SoftHSM
 * sealed vault: health, token self-lookup and KV version 2.
 */
class SpringVaultCompatibilityIT {
  @TempDir Path dir;
  private VaultTestServer server;
  private VaultTemplate template;

  @BeforeEach
  void start() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    HttpClient client = HttpClient.newBuilder().sslContext(server.sslContext()).build();
    template =
        new VaultTemplate(
            endpoint,
            new JdkClientHttpRequestFactory(client),
            new SimpleSessionManager(new TokenAuthentication(VaultTestServer.ROOT)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void health_andTokenLookup_readAsSpringVaultExpects() {
    VaultHealth health = template.opsForSys().health();
    Map<String, Object> self = template.read("auth/token/lookup-self").getData();

    assertTrue(health.isInitialized());
    assertTrue(!health.isSealed());
    assertEquals("0.1.0", health.getVersion());
    assertEquals(List.of("root"), self.get("policies"));
  }

  @Test
  void versionedKv_putGetCasDeleteUndeleteList_workUnchanged() {
    VaultVersionedKeyValueOperations kv = template.opsForVersionedKeyValue("secret");
    Map<String, Object> device =
        Map.of(
            "snmp_community", "c0mmunity",
            "ssh", Map.of("user", "admin", "password", "s3cret", "enable", "en4ble"),
            "radius_key", "r4dius");

    kv.put("devices/olt-17", device);
    kv.put(
        "devices/olt-17",
        Versioned.create(Map.of("snmp_community", "rotated"), Versioned.Version.from(1)));
    RuntimeException stale =
        assertThrows(
            RuntimeException.class,
            () ->
                kv.put(
                    "devices/olt-17",
                    Versioned.create(Map.of("x", "y"), Versioned.Version.from(1))));
    Versioned<Map<String, Object>> first = kv.get("devices/olt-17", Versioned.Version.from(1));
    kv.delete("devices/olt-17", Versioned.Version.from(2));
    Versioned<Map<String, Object>> deleted = kv.get("devices/olt-17");
    kv.undelete("devices/olt-17", Versioned.Version.from(2));

    assertNotNull(first);
    assertEquals(device, first.getData());
    assertTrue(stale.getMessage().contains("check-and-set"), stale::getMessage);
    assertTrue(deleted == null || deleted.getData() == null);
    assertEquals("rotated", kv.get("devices/olt-17").getData().get("snmp_community"));
    assertEquals(List.of("olt-17"), kv.list("devices"));
    assertNull(kv.get("devices/absent"));
  }
}
