package org.keyward.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.apiError;
import static org.keyward.testing.Futures.await;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.barrier.VaultSealedException;
import org.keyward.http.ApiError;
import org.keyward.http.ClientToken;
import org.keyward.http.RequestContext;
import org.keyward.testing.TestClock;
import org.keyward.view.CountingStorageView;
import org.keyward.view.DeferredStorageView;
import org.keyward.view.InMemoryStorageView;
import org.keyward.view.StorageView;

class TokenStoreTest {
  private InMemoryStorageView storage;
  private CountingStorageView view;
  private TestClock clock;
  private TokenStore store;
  private String root;
  private TokenEntry rootEntry;

  @BeforeEach
  void setUp() {
    storage = new InMemoryStorageView();
    view = new CountingStorageView(storage);
    clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    store = new TokenStore(view, clock);
    root = await(store.issueRootToken());
    rootEntry = await(store.authenticate(new ClientToken(root)));
  }

  @Test
  void issueRootToken_random_hasPrefixAnd256BitBody() {
    assertTrue(root.startsWith("hvs."));
    byte[] body = Base64.getUrlDecoder().decode(root.substring(4));
    assertEquals(32, body.length);
    assertEquals(List.of("root"), rootEntry.policies());
    assertEquals(0, rootEntry.expireTime());
  }

  @Test
  void storage_afterIssuingTokens_holdsNoPlainTokenInAnyByte() {
    IssuedToken child =
        await(
            store.create(request(Map.of("policies", "ops", "meta", Map.of("a", "b"))), rootEntry));
    for (String token : List.of(root, child.token())) {
      String body = token.substring(4);
      for (String key : storage.keys()) {
        assertFalse(key.contains(body), "token in key " + key);
        String value =
            new String(await(storage.get(key)).orElseThrow(), StandardCharsets.ISO_8859_1);
        assertFalse(value.contains(body), "token in value of " + key);
        assertFalse(
            value.contains(HexFormat.of().formatHex(token.getBytes(StandardCharsets.UTF_8))),
            "hex token in value of " + key);
      }
    }
    assertEquals(32, await(storage.get("hmac-key")).orElseThrow().length);
  }

  @Test
  void storage_keyForToken_isHmacUnderStoredKeyNotPlainHash() throws Exception {
    byte[] key = await(storage.get("hmac-key")).orElseThrow();
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal(root.getBytes(StandardCharsets.UTF_8)));
    assertTrue(storage.keys().contains("id/" + expected));
  }

  @Test
  void authenticate_knownToken_doesNotTouchStorage() {
    int before = view.total();
    await(store.authenticate(new ClientToken(root)));
    await(store.authenticate(new ClientToken(root)));
    assertEquals(before, view.total());
  }

  @Test
  void authenticate_afterRestart_readsStorageOnceThenCaches() {
    TokenStore restarted = new TokenStore(view, clock);
    TokenEntry entry = await(restarted.authenticate(new ClientToken(root)));
    assertEquals(rootEntry.accessor(), entry.accessor());
    int before = view.total();
    await(restarted.authenticate(new ClientToken(root)));
    assertEquals(before, view.total());
  }

  @Test
  void authenticate_unknownToken_permissionDenied() {
    assertEquals(403, apiError(store.authenticate(new ClientToken("hvs.unknown"))).status());
  }

  @Test
  void authenticate_malformedToken_deniedWithoutStorage() {
    int before = view.total();
    assertEquals(403, apiError(store.authenticate(new ClientToken("hvs.bad token"))).status());
    assertEquals(before, view.total());
  }

  @Test
  void authenticate_afterTtl_deniedAtOnceAndRowRemoved() {
    IssuedToken child = await(store.create(request(Map.of("ttl", "60s")), rootEntry));
    await(store.authenticate(new ClientToken(child.token())));
    clock.advance(Duration.ofSeconds(60));
    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
    assertFalse(storage.keys().contains("id/" + child.entry().hash()));
  }

  @Test
  void authenticate_withNumUses_countsDownThenDenies() {
    IssuedToken child = await(store.create(request(Map.of("num_uses", 2)), rootEntry));
    assertEquals(1, await(store.authenticate(new ClientToken(child.token()))).numUses());
    await(store.authenticate(new ClientToken(child.token())));
    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
    assertFalse(storage.keys().contains("id/" + child.entry().hash()));
    assertFalse(storage.keys().contains("accessor/" + child.entry().accessor()));
  }

  @Test
  void authenticate_racingUsesOfALimitedTokenOnTwoNodes_grantsExactlyTheLimit() {
    // Two stores over one storage, as two HA nodes or a store whose cache lost the entry: only
    // the stored revision can stop both spending the same use. Every storage call answers on a
    // later turn of the loop, so the uses really interleave between read and write.
    Vertx vertx = Vertx.vertx();
    try {
      Context loop = vertx.getOrCreateContext();
      StorageView shared = new DeferredStorageView(storage, loop);
      TokenStore nodeA = new TokenStore(shared, clock);
      TokenStore nodeB = new TokenStore(shared, clock);
      int limit = 3;
      IssuedToken limited = await(nodeA.create(request(Map.of("num_uses", limit)), rootOf(nodeA)));
      List<Future<TokenEntry>> uses = new ArrayList<>();
      CountDownLatch fired = new CountDownLatch(1);
      loop.runOnContext(
          v -> {
            for (int i = 0; i < 12; i++) {
              TokenStore node = i % 2 == 0 ? nodeA : nodeB;
              uses.add(node.authenticate(new ClientToken(limited.token())));
            }
            fired.countDown();
          });
      assertTrue(counted(fired));
      await(Future.join(uses).otherwise((CompositeFuture) null));

      assertEquals(limit, uses.stream().filter(Future::succeeded).count());
      uses.stream()
          .filter(Future::failed)
          .forEach(f -> assertEquals(403, ((ApiError) f.cause()).status(), f.cause()::toString));
      assertFalse(storage.keys().contains("id/" + limited.entry().hash()));
    } finally {
      vertx.close();
    }
  }

  private TokenEntry rootOf(TokenStore node) {
    return await(node.authenticate(new ClientToken(await(node.issueRootToken()))));
  }

  private static boolean counted(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void numUses_afterRestart_remainingCountPersisted() {
    IssuedToken child = await(store.create(request(Map.of("num_uses", 2)), rootEntry));
    await(store.authenticate(new ClientToken(child.token())));
    TokenStore restarted = new TokenStore(view, clock);
    await(restarted.authenticate(new ClientToken(child.token())));
    assertEquals(403, apiError(restarted.authenticate(new ClientToken(child.token()))).status());
  }

  @Test
  void entries_listsEveryStoredTokenOnceAfterRevocation() {
    IssuedToken child = await(store.create(request(Map.of("ttl", "60s")), rootEntry));
    IssuedToken gone = await(store.create(request(Map.of()), rootEntry));
    await(store.revoke(gone.entry()));

    List<String> accessors =
        await(new TokenStore(view, clock).entries()).stream().map(TokenEntry::accessor).toList();

    assertEquals(2, accessors.size(), accessors::toString);
    assertTrue(accessors.contains(rootEntry.accessor()));
    assertTrue(accessors.contains(child.entry().accessor()));
  }

  @Test
  void revoke_parent_revokesWholeChildTreeOnly() {
    IssuedToken child = await(store.create(request(Map.of()), rootEntry));
    IssuedToken grandchild = await(store.create(request(Map.of()), child.entry()));
    IssuedToken sibling = await(store.create(request(Map.of()), rootEntry));
    await(store.authenticate(new ClientToken(grandchild.token())));

    await(store.revoke(child.entry()));

    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
    assertEquals(403, apiError(store.authenticate(new ClientToken(grandchild.token()))).status());
    await(store.authenticate(new ClientToken(sibling.token())));
    await(store.authenticate(new ClientToken(root)));
    for (String key : storage.keys()) {
      assertFalse(key.contains(child.entry().accessor()), key);
      assertFalse(key.contains(grandchild.entry().hash()), key);
    }
  }

  @Test
  void revoke_cachedToken_failsNextRequestAndStaysRevokedAfterReload() {
    IssuedToken child = await(store.create(request(Map.of()), rootEntry));
    await(store.authenticate(new ClientToken(child.token())));
    await(store.revoke(child.entry()));
    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
    store.clearCache();
    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
  }

  @Test
  void renew_pastExplicitMaxTtl_cappedAtMax() {
    IssuedToken child =
        await(store.create(request(Map.of("ttl", "60s", "explicit_max_ttl", "100s")), rootEntry));
    clock.advance(Duration.ofSeconds(50));
    TokenEntry renewed = await(store.renew(child.entry(), 1000));
    assertEquals(child.entry().creationTime() + 100, renewed.expireTime());
    clock.advance(Duration.ofSeconds(50));
    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
  }

  @Test
  void renew_withinMax_extendsFromNow() {
    IssuedToken child = await(store.create(request(Map.of("ttl", "60s")), rootEntry));
    clock.advance(Duration.ofSeconds(50));
    TokenEntry renewed = await(store.renew(child.entry(), 120));
    assertEquals(clock.instant().getEpochSecond() + 120, renewed.expireTime());
    clock.advance(Duration.ofSeconds(100));
    await(store.authenticate(new ClientToken(child.token())));
  }

  @Test
  void renew_afterTheTokenWasRevoked_refusesAndDoesNotBringItBack() {
    IssuedToken child = await(store.create(request(Map.of("ttl", "60s")), rootEntry));
    TokenEntry presented = await(store.authenticate(new ClientToken(child.token())));
    await(store.revoke(child.entry()));

    assertEquals(403, apiError(store.renew(presented, 120)).status());
    assertTrue(
        storage.keys().stream().noneMatch(k -> k.equals("id/" + child.entry().hash())),
        "the revoked token's entry was written back");
    store.clearCache();
    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
  }

  @Test
  void lookup_whileSealed_failsSealedInsteadOfAnsweringUnknown() {
    StorageView sealed =
        (StorageView)
            Proxy.newProxyInstance(
                StorageView.class.getClassLoader(),
                new Class<?>[] {StorageView.class},
                (proxy, method, args) -> Future.failedFuture(new VaultSealedException()));
    TokenStore sealedStore = new TokenStore(sealed, clock);

    Future<Optional<TokenEntry>> found = sealedStore.lookup(root);

    assertThrows(VaultSealedException.class, () -> await(found));
  }

  @Test
  void renew_notRenewable_badRequest() {
    IssuedToken child = await(store.create(request(Map.of("renewable", false)), rootEntry));
    assertEquals(400, apiError(store.renew(child.entry(), 60)).status());
  }

  @Test
  void create_nonRootParentWithForeignPolicy_badRequest() {
    IssuedToken ops =
        await(store.create(request(Map.of("policies", List.of("ops", "dev"))), rootEntry));
    assertEquals(
        400, apiError(store.create(request(Map.of("policies", "admin")), ops.entry())).status());
    IssuedToken narrower = await(store.create(request(Map.of("policies", "ops")), ops.entry()));
    assertEquals(List.of("default", "ops"), narrower.entry().policies());
  }

  @Test
  void create_nonRootOrphan_badRequest() {
    IssuedToken ops = await(store.create(request(Map.of("policies", "ops")), rootEntry));
    assertEquals(
        400, apiError(store.create(request(Map.of("no_parent", true)), ops.entry())).status());
  }

  @Test
  void create_childOfExpiringParent_neverOutlivesParent() {
    IssuedToken parent = await(store.create(request(Map.of("ttl", "60s")), rootEntry));
    IssuedToken child = await(store.create(request(Map.of("ttl", "1h")), parent.entry()));
    assertEquals(parent.entry().expireTime(), child.entry().expireTime());
  }

  @Test
  void lookupAccessor_thenRevoke_tokenGone() {
    IssuedToken child = await(store.create(request(Map.of()), rootEntry));
    TokenEntry found = await(store.lookupAccessor(child.entry().accessor())).orElseThrow();
    assertEquals(child.entry().hash(), found.hash());
    await(store.revoke(found));
    assertTrue(await(store.lookupAccessor(child.entry().accessor())).isEmpty());
    assertEquals(403, apiError(store.authenticate(new ClientToken(child.token()))).status());
  }

  @Test
  void sweepExpired_removesOnlyExpiredRows() {
    IssuedToken shortLived = await(store.create(request(Map.of("ttl", "10s")), rootEntry));
    IssuedToken longLived = await(store.create(request(Map.of("ttl", "1h")), rootEntry));
    clock.advance(Duration.ofSeconds(11));
    assertEquals(1, await(store.sweepExpired()));
    assertFalse(storage.keys().contains("id/" + shortLived.entry().hash()));
    assertTrue(storage.keys().contains("id/" + longLived.entry().hash()));
  }

  @Test
  void issueRootToken_givenId_authenticatesAndIsIdempotent() {
    assertEquals("dev-root", await(store.issueRootToken("dev-root")));
    assertEquals("dev-root", await(store.issueRootToken("dev-root")));
    assertTrue(await(store.authenticate(new ClientToken("dev-root"))).isRoot());
  }

  @Test
  void authenticator_caller_carriesAccessorNotToken() {
    var caller =
        await(
            new TokenAuthenticator(store)
                .authenticate(new ClientToken(root), (RequestContext) null));
    assertEquals(rootEntry.accessor(), caller.accessor());
    assertTrue(caller.isRoot());
    assertFalse(caller.toString().contains(root.substring(4)));
  }

  @Test
  void tokenEntry_roundTripsThroughStoredBytes() {
    IssuedToken child =
        await(store.create(request(Map.of("meta", Map.of("k", "v"), "num_uses", 3)), rootEntry));
    assertEquals(child.entry(), TokenEntry.fromBytes(child.entry().toBytes()));
    assertArrayEquals(
        child.entry().toBytes(), TokenEntry.fromBytes(child.entry().toBytes()).toBytes());
  }

  private static CreateTokenRequest request(Map<String, Object> body) {
    return CreateTokenRequest.from(TestRequests.withBody(new JsonObject(body)));
  }
}
