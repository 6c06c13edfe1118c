package org.keyward.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.apiError;
import static org.keyward.testing.Futures.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.http.ClientToken;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;

class TokenStoreLoginIssuerTest {
  private TestClock clock;
  private TokenStore store;
  private TokenStoreLoginIssuer issuer;

  @BeforeEach
  void setUp() {
    clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    store = new TokenStore(new InMemoryStorageView(), clock);
    issuer = new TokenStoreLoginIssuer(store);
  }

  private static TokenGrant grant(String path, String name, long ttl, long maxTtl, int uses) {
    return new TokenGrant(
        path, name, List.of("Orch ", "cell"), Map.of("role_name", "orch"), ttl, maxTtl, uses, true);
  }

  @Test
  void issue_grant_answersVaultAuthBlockForAStoredOrphanToken() {
    JsonObject auth = await(issuer.issue(grant("auth/approle/login", "", 600, 3600, 0))).auth();

    String token = auth.getString("client_token");
    TokenEntry entry = await(store.authenticate(new ClientToken(token)));
    assertEquals(new JsonArray(List.of("cell", "default", "orch")), auth.getJsonArray("policies"));
    assertEquals(auth.getJsonArray("policies"), auth.getJsonArray("token_policies"));
    assertEquals(600, auth.getLong("lease_duration"));
    assertTrue(auth.getBoolean("renewable"));
    assertEquals("service", auth.getString("token_type"));
    assertEquals("", auth.getString("entity_id"));
    assertEquals(Map.of("role_name", "orch"), auth.getJsonObject("metadata").getMap());
    assertEquals(entry.accessor(), auth.getString("accessor"));
    assertEquals("auth/approle/login", entry.path());
    assertEquals("approle", entry.displayName());
    assertTrue(entry.orphan());
    assertFalse(entry.toString().contains(token));
  }

  @Test
  void issue_noRoleTtl_systemDefaultCappedByMaxTtl() {
    JsonObject noMax = await(issuer.issue(grant("auth/approle/login", "", 0, 0, 0))).auth();
    JsonObject capped = await(issuer.issue(grant("auth/approle/login", "", 0, 120, 0))).auth();

    assertEquals(TokenStore.MAX_TTL_SECONDS, noMax.getLong("lease_duration"));
    assertEquals(120, capped.getLong("lease_duration"));
  }

  @Test
  void renew_loginToken_extendsButNeverPastRoleMaxTtl() {
    String token =
        await(issuer.issue(grant("auth/cert/login", "cells", 60, 100, 0)))
            .auth()
            .getString("client_token");
    TokenEntry entry = await(store.authenticate(new ClientToken(token)));
    clock.advance(Duration.ofSeconds(50));

    TokenEntry renewed = await(store.renew(entry, 3600));

    assertEquals(entry.creationTime() + 100, renewed.expireTime());
    assertEquals("cert-cells", renewed.displayName());
  }

  @Test
  void issue_numUses_tokenRefusedAfterThem() {
    String token =
        await(issuer.issue(grant("auth/approle/login", "", 60, 0, 1)))
            .auth()
            .getString("client_token");

    await(store.authenticate(new ClientToken(token)));

    assertEquals(403, apiError(store.authenticate(new ClientToken(token))).status());
  }

  @Test
  void revokeByPathPrefix_revokesOnlyThatMountsTokensAndTheirChildren() {
    String a =
        await(issuer.issue(grant("auth/approle/login", "", 60, 0, 0)))
            .auth()
            .getString("client_token");
    String b =
        await(issuer.issue(grant("auth/approle2/login", "", 60, 0, 0)))
            .auth()
            .getString("client_token");
    TokenEntry parent = await(store.authenticate(new ClientToken(a)));
    IssuedToken child =
        await(
            store.create(
                CreateTokenRequest.from(
                    TestRequests.withBody(new JsonObject().put("policies", "orch"))),
                parent));

    assertEquals(1, await(store.revokeByPathPrefix("auth/approle/")));

    assertEquals(403, apiError(store.authenticate(new ClientToken(a))).status());
    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
    await(store.authenticate(new ClientToken(b)));
  }

  @Test
  void issue_mountTtls_defaultWhereRoleHasNoneAndMaxCapsRole() {
    TokenStoreLoginIssuer tuned =
        new TokenStoreLoginIssuer(store, path -> new TokenStoreLoginIssuer.MountTtls(300, 900));

    JsonObject byMount = await(tuned.issue(grant("auth/approle/login", "", 0, 0, 0))).auth();
    JsonObject capped = await(tuned.issue(grant("auth/approle/login", "", 3600, 7200, 0))).auth();
    TokenEntry entry = await(store.authenticate(new ClientToken(capped.getString("client_token"))));

    assertEquals(300, byMount.getLong("lease_duration"));
    assertEquals(900, capped.getLong("lease_duration"));
    assertEquals(900, entry.explicitMaxTtl());
  }
}
