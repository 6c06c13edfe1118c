package org.keyward.auth.approle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.RecordingTokenIssuer;
import org.keyward.auth.TestRequests;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.testing.Futures;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;

class AppRoleLoginTest {
  private static final String MOUNT = "auth/approle/";

  private final TestClock clock = new TestClock();
  private final InMemoryStorageView view = new InMemoryStorageView();
  private final RecordingTokenIssuer issuer = new RecordingTokenIssuer();
  private final LoginLockout lockout =
      new LoginLockout(3, Duration.ofMinutes(15), Duration.ofMinutes(15), 100, clock);
  private final MountKey key = new MountKey(view);
  private final SecretIdStore secretIds = new SecretIdStore(view, key, clock);
  private final AppRoleStore roles = new AppRoleStore(view, key, secretIds);
  private final AppRoleSecretIdRoutes secretIdRoutes = new AppRoleSecretIdRoutes(roles, secretIds);
  private final AppRoleLoginRoutes login =
      new AppRoleLoginRoutes(roles, secretIds, issuer, lockout);
  private ExecutorService pool;

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  @Test
  void login_withValidSecretId_grantsRolePoliciesAndMetadata() throws Exception {
    String roleId = createRole("orchestrator", new JsonObject().put("token_policies", "cell,ops"));
    String secretId = newSecretId("orchestrator", new JsonObject());

    await(login(roleId, secretId));

    assertEquals(1, issuer.grants().size());
    var grant = issuer.grants().get(0);
    assertEquals("auth/approle/login", grant.authPath());
    assertEquals(List.of("cell", "ops"), grant.policies());
    assertEquals(Map.of("role_name", "orchestrator"), grant.metadata());
  }

  @Test
  void login_replayedOneUseSecretId_returns400InvalidSecretId() throws Exception {
    String roleId = createRole("once", new JsonObject().put("secret_id_num_uses", 1));
    String secretId = newSecretId("once", new JsonObject());
    await(login(roleId, secretId));

    ApiError e = Futures.apiError(login(roleId, secretId));

    assertEquals(400, e.status());
    assertEquals(List.of("invalid secret id"), e.messages());
    assertEquals(1, issuer.grants().size());
  }

  @Test
  void login_twentyConcurrentWithOneUseSecretId_exactlyOneSucceeds() throws Exception {
    assertEquals(1, concurrentSuccesses(1));
  }

  @Test
  void login_twentyConcurrentWithThreeUseSecretId_exactlyThreeSucceed() throws Exception {
    assertEquals(3, concurrentSuccesses(3));
  }

  @Test
  void login_expiredSecretId_refusedAndEntryDeleted() throws Exception {
    String roleId = createRole("short", new JsonObject().put("secret_id_ttl", "60s"));
    String secretId = newSecretId("short", new JsonObject());
    clock.advance(Duration.ofSeconds(60));

    ApiError e = Futures.apiError(login(roleId, secretId));

    assertEquals(List.of("invalid secret id"), e.messages());
    assertTrue(view.keys().stream().noneMatch(k -> k.startsWith("secret-id/")));
    assertTrue(view.keys().stream().noneMatch(k -> k.startsWith("accessor/")));
  }

  @Test
  void login_unknownRoleId_returns400InvalidRoleOrSecretId() throws Exception {
    createRole("known", new JsonObject());
    ApiError e = Futures.apiError(login("00000000-0000-0000-0000-000000000000", "whatever"));
    assertEquals(400, e.status());
    assertEquals(List.of("invalid role or secret ID"), e.messages());
  }

  @Test
  void login_secretIdOfAnotherRole_refused() throws Exception {
    String roleA = createRole("a", new JsonObject());
    createRole("b", new JsonObject());
    String secretOfB = newSecretId("b", new JsonObject());
    assertEquals(
        List.of("invalid secret id"), Futures.apiError(login(roleA, secretOfB)).messages());
  }

  @Test
  void createSecretId_storesOnlyKeyedHashNeverSecretId() throws Exception {
    createRole("hashed", new JsonObject());
    String secretId = newSecretId("hashed", new JsonObject().put("metadata", "{\"cell\":\"17\"}"));

    for (String k : view.keys()) {
      assertFalse(k.contains(secretId), "key holds the secret id: " + k);
      byte[] value = await(view.get(k)).orElseThrow();
      assertFalse(new String(value, StandardCharsets.UTF_8).contains(secretId));
    }
  }

  @Test
  void login_failuresSpreadOverRoleIdVariants_lockOutCorrectCredentials() throws Exception {
    String roleId = createRole("locked", new JsonObject());
    String secretId = newSecretId("locked", new JsonObject());
    for (String variant : List.of(roleId.toUpperCase(), " " + roleId, roleId + "\n")) {
      Futures.apiError(login(variant, "wrong-secret"));
    }

    ApiError e = Futures.apiError(login(roleId, secretId));

    assertEquals(403, e.status());
    assertTrue(issuer.grants().isEmpty());
    // The refused attempt spent no use: the secret id still works once the lockout ends.
    clock.advance(Duration.ofMinutes(15));
    await(login(roleId, secretId));
  }

  @Test
  void login_success_resetsFailureCount() throws Exception {
    String roleId = createRole("reset", new JsonObject());
    String secretId = newSecretId("reset", new JsonObject());
    Futures.apiError(login(roleId, "wrong"));
    Futures.apiError(login(roleId, "wrong"));
    await(login(roleId, secretId));
    Futures.apiError(login(roleId, "wrong"));
    Futures.apiError(login(roleId, "wrong"));

    await(login(roleId, secretId));
    assertEquals(2, issuer.grants().size());
  }

  @Test
  void tidy_deletesExpiredSecretIdsOnly() throws Exception {
    createRole("tidy", new JsonObject());
    newSecretId("tidy", new JsonObject().put("ttl", "30s"));
    String kept = newSecretId("tidy", new JsonObject().put("ttl", "1h"));
    clock.advance(Duration.ofMinutes(1));

    assertEquals(1, await(secretIds.tidy()));
    assertEquals(1, await(secretIds.accessors(new RoleName("tidy"))).size());
    assertTrue(await(secretIds.lookup(new RoleName("tidy"), kept)).isPresent());
  }

  @Test
  void createSecretId_ttlAboveRoleLimit_returns400() throws Exception {
    createRole("limited", new JsonObject().put("secret_id_ttl", "10m"));
    ApiError e = Futures.apiError(createSecretId("limited", new JsonObject().put("ttl", "1h")));
    assertEquals(400, e.status());
  }

  @Test
  void writeRole_withoutBindSecretId_returns400() {
    ApiError e =
        Futures.apiError(
            roles.write(settings("open", new JsonObject().put("bind_secret_id", false))));
    assertEquals(400, e.status());
    assertTrue(view.keys().stream().noneMatch(k -> k.startsWith("role/")));
  }

  @Test
  void writeRole_withCidrBinding_returns400NamingField() {
    ApiError e =
        assertThrows(
            ApiError.class,
            () -> settings("cidr", new JsonObject().put("token_bound_cidrs", "10.0.0.0/8")));
    assertTrue(e.messages().get(0).contains("token_bound_cidrs"));
  }

  private int concurrentSuccesses(int uses) throws Exception {
    String roleId = createRole("shared", new JsonObject().put("secret_id_num_uses", uses));
    String secretId = newSecretId("shared", new JsonObject());
    // A generous lockout, so the 19 refused replays do not lock the role out mid-test.
    AppRoleLoginRoutes routes =
        new AppRoleLoginRoutes(
            roles,
            secretIds,
            issuer,
            new LoginLockout(100, Duration.ofMinutes(1), Duration.ofMinutes(1), 100, clock));
    int logins = 20;
    pool = Executors.newFixedThreadPool(logins);
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < logins; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  await(login(routes, roleId, secretId));
                  return true;
                } catch (ApiError e) {
                  assertEquals(List.of("invalid secret id"), e.messages());
                  return false;
                }
              }));
    }
    start.countDown();
    int successes = 0;
    for (var r : results) {
      successes += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
    }
    assertEquals(successes, issuer.grants().size());
    return successes;
  }

  private Future<?> login(String roleId, String secretId) {
    return login(login, roleId, secretId);
  }

  private static Future<?> login(AppRoleLoginRoutes routes, String roleId, String secretId) {
    RequestContext ctx =
        TestRequests.write(
            MOUNT,
            "login",
            Map.of(),
            new JsonObject().put("role_id", roleId).put("secret_id", secretId));
    return routes.login(AppRoleRequests.Login.from(ctx), ctx);
  }

  private String createRole(String name, JsonObject body) throws Exception {
    await(roles.write(settings(name, body)));
    return await(roles.role(new RoleName(name))).orElseThrow().roleId();
  }

  private static RoleSettings settings(String name, JsonObject body) {
    return RoleSettings.from(
        TestRequests.write(MOUNT, "role/" + name, Map.of("role_name", name), body));
  }

  private Future<io.vertx.core.json.JsonObject> createSecretId(String role, JsonObject body) {
    RequestContext ctx =
        TestRequests.write(MOUNT, "role/" + role + "/secret-id", Map.of("role_name", role), body);
    return secretIdRoutes.create(AppRoleRequests.CreateSecretId.from(ctx), ctx).map(r -> r.data());
  }

  private String newSecretId(String role, JsonObject body) throws Exception {
    return await(createSecretId(role, body)).getString("secret_id");
  }
}
