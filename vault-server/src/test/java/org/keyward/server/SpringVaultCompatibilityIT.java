package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.LifecycleAwareSessionManagerSupport.FixedTimeoutRefreshTrigger;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.authentication.event.AfterLoginTokenRenewedEvent;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.VaultHealth;
import org.springframework.vault.support.VaultToken;
import org.springframework.vault.support.Versioned;
import org.springframework.web.client.RestTemplate;

/**
 * Spring Vault, a real Vault client, unchanged against the whole server over TLS with a SoftHSM
 * sealed vault: health, token self-lookup, KV version 2, and AppRole login with token renewal by
 * its {@code LifecycleAwareSessionManager}.
 */
class SpringVaultCompatibilityIT {
  @TempDir Path dir;
  private VaultTestServer server;
  private VaultTemplate template;
  private VaultEndpoint endpoint;
  private JdkClientHttpRequestFactory requestFactory;

  @BeforeEach
  void start() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    HttpClient client = HttpClient.newBuilder().sslContext(server.sslContext()).build();
    requestFactory = new JdkClientHttpRequestFactory(client);
    template =
        new VaultTemplate(
            endpoint,
            requestFactory,
            new SimpleSessionManager(new TokenAuthentication(VaultTestServer.ROOT)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void appRoleLogin_lifecycleAwareSessionManager_renewsTokenBeforeItExpires() throws Exception {
    TestAppRoles.enable(server, "approle");
    TestAppRoles.readerPolicy(server, "spring-reader", "spring/");
    JsonObject app = new JsonObject().put("data", new JsonObject().put("url", "jdbc:x"));
    assertEquals(200, server.post("/v1/secret/data/spring/app", app).status());
    // A 10 s token and a trigger 8 s before expiry: the manager renews about 2 s after login.
    TestAppRoles.role(
        server, "approle", "spring", TestAppRoles.roleSettings("spring-reader", "10s"));
    AppRoleAuthenticationOptions options =
        AppRoleAuthenticationOptions.builder()
            .roleId(RoleId.provided(TestAppRoles.roleId(server, "approle", "spring")))
            .secretId(
                SecretId.provided(
                    TestAppRoles.secretId(server, "approle", "spring", new JsonObject())
                        .getString("secret_id")))
            .build();
    RestTemplate rest = VaultClients.createRestTemplate(endpoint, requestFactory);
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.initialize();
    LifecycleAwareSessionManager session =
        new LifecycleAwareSessionManager(
            new AppRoleAuthentication(options, rest),
            scheduler,
            rest,
            new FixedTimeoutRefreshTrigger(Duration.ofSeconds(8), Duration.ofSeconds(2)));
    CompletableFuture<VaultToken> renewed = new CompletableFuture<>();
    session.addAuthenticationListener(
        event -> {
          if (event instanceof AfterLoginTokenRenewedEvent) {
            renewed.complete(event.getSource());
          }
        });
    session.addErrorListener(event -> renewed.completeExceptionally(event.getException()));
    try {
      VaultToken token = session.getSessionToken();
      VaultTemplate appTemplate = new VaultTemplate(endpoint, requestFactory, session);

      Versioned<Map<String, Object>> read =
          appTemplate.opsForVersionedKeyValue("secret").get("spring/app");
      VaultToken renewedToken = renewed.get(60, TimeUnit.SECONDS);

      assertEquals("jdbc:x", read.getData().get("url"));
      assertEquals(token.getToken(), renewedToken.getToken(), "renewed, not logged in again");
      JsonObject self =
          server.call("GET", "/v1/auth/token/lookup-self", token.getToken(), null).data();
      long expiryAtLogin = self.getLong("creation_time") + self.getLong("creation_ttl");
      assertTrue(
          Instant.parse(self.getString("expire_time")).getEpochSecond() > expiryAtLogin,
          self::encode);
      assertEquals("auth/approle/login", self.getString("path"));
    } finally {
      session.destroy();
      scheduler.shutdown();
    }
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
