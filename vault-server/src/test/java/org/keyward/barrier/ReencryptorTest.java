package org.keyward.barrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.barrier.TestVault.publicError;
import static org.keyward.barrier.TestVault.utf8;
import static org.keyward.testing.Futures.await;
import static org.keyward.testing.Futures.failure;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.http.ApiError;
import org.keyward.view.StorageView;

class ReencryptorTest {
  private static final int ROWS = 20;

  private Vertx vertx;
  private TestVault vault;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    vault = TestVault.initialized(vertx);
    StorageView view = vault.barrier.view("logical/m/");
    for (int i = 0; i < ROWS; i++) {
      await(view.put(String.format("k%02d", i), utf8("value " + i)));
    }
    await(vault.admin.rotate());
  }

  @AfterEach
  void tearDown() {
    vault.close();
    await(vertx.close());
  }

  @Test
  void retire_beforeReencryption_fails400() {
    ApiError e = publicError(failure(vault.admin.retireOlderTerms()));

    assertEquals(400, e.status());
    assertTrue(e.messages().get(0).contains("re-encryption"));
    assertEquals(2, vault.barrier.keyring().terms().size());
  }

  @Test
  void reencrypt_completes_thenRetireRemovesOldTerm() throws Exception {
    ReencryptProgress started = await(vault.reencryptor.start());
    assertEquals(2, started.targetTerm());
    assertTrue(started.remaining() >= ROWS, "counted " + started.remaining());

    ReencryptProgress done = awaitDone(vault);

    assertEquals(0, done.remaining());
    assertEquals(2, allTerms(vault).stream().distinct().mapToInt(i -> i).max().getAsInt());
    assertEquals(List.of(2), allTerms(vault).stream().distinct().toList());
    assertEquals(List.of(1), await(vault.admin.retireOlderTerms()));
    assertEquals(1, vault.barrier.keyring().terms().size());
    assertReadable(vault);
  }

  @Test
  void reencrypt_crashMidway_resumesAfterRestart() throws Exception {
    // Let the count and two pages through, then the "process dies": every write fails.
    vault.storage.failWritesAfter(6);
    await(vault.reencryptor.start());
    waitUntil(() -> !vault.reencryptor.isActive());
    ReencryptProgress atCrash = await(vault.reencryptor.status());
    assertTrue(atCrash.running());
    assertTrue(atCrash.rewritten() > 0 && atCrash.rewritten() < ROWS, atCrash.toString());
    vault.close();

    vault.storage.failWritesAfter(Integer.MAX_VALUE);
    vault = vault.restart(vertx);
    ReencryptProgress done = awaitDone(vault);

    assertEquals(0, done.remaining());
    assertEquals(List.of(2), allTerms(vault).stream().distinct().toList());
    await(vault.admin.retireOlderTerms());
    assertReadable(vault);
  }

  private List<Integer> allTerms(TestVault v) {
    Keyring k = v.barrier.keyring();
    return v.storage.keys().stream()
        .filter(key -> key.startsWith("logical/"))
        .map(key -> Barrier.termOf(k, v.storage.raw(key)).term())
        .toList();
  }

  private static void assertReadable(TestVault v) {
    StorageView view = v.barrier.view("logical/m/");
    for (int i = 0; i < ROWS; i++) {
      assertArrayEquals(
          utf8("value " + i), await(view.get(String.format("k%02d", i))).orElseThrow());
    }
  }

  private static ReencryptProgress awaitDone(TestVault v) throws Exception {
    CompletableFuture<ReencryptProgress> done = new CompletableFuture<>();
    pollDone(v, done);
    return done.get(10, TimeUnit.SECONDS);
  }

  private static void pollDone(TestVault v, CompletableFuture<ReencryptProgress> done) {
    v.reencryptor
        .status()
        .onSuccess(
            p -> {
              if (p.state().equals("done")) {
                done.complete(p);
              } else if (!done.isDone()) {
                CompletableFuture.runAsync(
                    () -> pollDone(v, done),
                    CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
              }
            });
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
    CompletableFuture<Void> met = new CompletableFuture<>();
    Runnable[] check = new Runnable[1];
    check[0] =
        () -> {
          if (condition.getAsBoolean()) {
            met.complete(null);
          } else {
            CompletableFuture.runAsync(
                check[0], CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
          }
        };
    check[0].run();
    met.get(10, TimeUnit.SECONDS);
  }
}
