package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session keeps a short-TTL token alive against the real server: renewed before it ends, and
 * replaced by a fresh login once its max TTL stops renewal, while the caller's calls keep working.
 */
class TokenSessionIT {
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
  void session_shortTtlToken_isRenewedThenReplacedByLogin() throws Exception {
    VaultClient root = vault.rootClient();
    root.kv("secret").put("app/config", SecretData.of(Map.of("v", "1")));
    // Each login is a fresh 6 s token that renewal can stretch to 12 s at most.
    LoginMethod shortLived =
        channel ->
            root.async()
                .token()
                .create(
                    TokenCreateRequest.withPolicies("root")
                        .ttl(Duration.ofSeconds(6))
                        .explicitMaxTtl(Duration.ofSeconds(12)));
    VaultClient client = vault.client(vault.configWithoutToken().build());
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    client
        .session()
        .setListener(
            new SessionListener() {
              @Override
              public void loggedIn(AuthInfo auth) {
                events.add("login " + auth.accessor());
              }

              @Override
              public void renewed(AuthInfo auth) {
                events.add("renew " + auth.accessor());
              }

              @Override
              public void failed(VaultException error) {
                events.add("failed " + error.getMessage());
              }
            });

    AuthInfo first = client.login(shortLived);
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String secondLogin = null;
    while (secondLogin == null) {
      String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertNotNull(event, "no session event before the deadline; saw " + seen);
      seen.add(event);
      // The caller's calls succeed at every step.
      try {
        client.kv("secret").get("app/config");
      } catch (VaultException e) {
        throw new AssertionError("call failed after " + seen, e);
      }
      if (event.startsWith("login ") && !event.equals("login " + first.accessor())) {
        secondLogin = event.substring("login ".length());
      }
    }

    assertEquals("login " + first.accessor(), seen.get(0));
    assertTrue(seen.contains("renew " + first.accessor()), seen::toString);
    assertTrue(seen.stream().noneMatch(e -> e.startsWith("failed")), seen::toString);
    assertNotEquals(first.accessor(), secondLogin);
    assertEquals(secondLogin, client.token().lookupSelf().accessor());
  }

  @Test
  void session_renewalRefused_logsInAgain() throws Exception {
    VaultClient root = vault.rootClient();
    LoginMethod login =
        channel ->
            root.async()
                .token()
                .create(TokenCreateRequest.withPolicies("root").ttl(Duration.ofSeconds(6)));
    VaultClient client = vault.client(vault.configWithoutToken().build());
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    client
        .session()
        .setListener(
            new SessionListener() {
              @Override
              public void loggedIn(AuthInfo auth) {
                events.add("login " + auth.accessor());
              }

              @Override
              public void failed(VaultException error) {
                events.add("failed " + error.status());
              }
            });
    AuthInfo first = client.login(login);
    events.take();

    // Revoked behind the session's back: its next renewal is refused with 403.
    root.logical().write("auth/token/revoke", Map.of("token", first.token().reveal()));
    String refused = events.poll(60, TimeUnit.SECONDS);
    String again = events.poll(60, TimeUnit.SECONDS);

    assertEquals("failed 403", refused);
    assertNotNull(again, "no login after the refused renewal");
    assertNotEquals("login " + first.accessor(), again);
    assertEquals(again.substring("login ".length()), client.token().lookupSelf().accessor());
  }
}
