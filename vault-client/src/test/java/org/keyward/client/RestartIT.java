package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer;

/**
 * The SDK across a server restart on the same data and port: an idempotent call made while the
 * server is down succeeds once it is back, after retries; a write made while it is down fails at
 * once rather than risk being applied twice.
 */
class RestartIT {
  @TempDir Path dir;
  private LiveVault vault;

  @BeforeEach
  void start() {
    vault = LiveVault.start(dir);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void idempotentCall_duringRestart_succeedsAfterRetries_writeIsNotRetried() throws Exception {
    VaultClient client =
        vault.client(
            vault
                .configWithoutToken()
                .token(SecretString.of(VaultTestServer.ROOT))
                .retryPolicy(new RetryPolicy(120, Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build());
    client.kv().put("devices/olt-9", SecretData.of(Map.of("community", "c0mm")));

    vault.server.stop();
    VaultException write =
        assertThrows(
            VaultException.class,
            () -> client.kv().put("devices/olt-9", SecretData.of(Map.of("community", "new"))));
    CompletableFuture<Optional<KvSecret>> read = client.async().kv().get("devices/olt-9");
    vault.server.startAgain();

    KvSecret secret = read.get(120, TimeUnit.SECONDS).orElseThrow();
    assertEquals(0, write.status());
    assertEquals("c0mm", secret.data().reveal().get("community"));
    assertEquals(1, secret.version().version());
    assertEquals(1, client.kv().put("devices/olt-10", SecretData.of(Map.of("a", "b"))).version());
  }
}
