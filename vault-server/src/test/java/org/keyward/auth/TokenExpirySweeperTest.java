package org.keyward.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.http.ClientToken;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;

class TokenExpirySweeperTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void start_expiredTokenInStorage_rowRemovedByTimer() {
    InMemoryStorageView storage = new InMemoryStorageView();
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    TokenStore store = new TokenStore(storage, clock);
    TokenEntry root = await(store.authenticate(new ClientToken(await(store.issueRootToken()))));
    CreateTokenRequest shortLived =
        CreateTokenRequest.from(TestRequests.withBody(new JsonObject(Map.of("ttl", "10s"))));
    IssuedToken expiring = await(store.create(shortLived, root));
    IssuedToken lasting =
        await(store.create(CreateTokenRequest.from(TestRequests.withBody(new JsonObject())), root));
    clock.advance(Duration.ofSeconds(11));

    TokenExpirySweeper sweeper = new TokenExpirySweeper(vertx, store, 5);
    sweeper.start();
    Promise<Void> swept = Promise.promise();
    vertx.setPeriodic(
        5,
        id -> {
          if (!storage.keys().contains("id/" + expiring.entry().hash())) {
            vertx.cancelTimer(id);
            swept.tryComplete();
          }
        });
    await(swept.future());
    sweeper.stop();

    assertFalse(storage.keys().contains("accessor/" + expiring.entry().accessor()));
    assertTrue(storage.keys().contains("id/" + lasting.entry().hash()));
  }
}
