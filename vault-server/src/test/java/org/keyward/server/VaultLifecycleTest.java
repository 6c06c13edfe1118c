package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keyward.barrier.RecoveryKey;
import org.keyward.barrier.SealControl;
import org.keyward.server.VaultLifecycle.State;
import org.keyward.testing.Futures;

/** The lifecycle's transitions over a seal that only flips a flag and tells its listeners. */
class VaultLifecycleTest {
  private final Vertx vertx = Vertx.vertx();
  private final FlagSeal seal = new FlagSeal();
  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicInteger unloads = new AtomicInteger();
  private volatile Promise<Void> pendingLoad;

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private VaultLifecycle lifecycle(boolean holdLoads) {
    return new VaultLifecycle(
        vertx.getOrCreateContext(),
        seal,
        new VaultLifecycle.BarrierResidents() {
          @Override
          public Future<Void> load() {
            loads.incrementAndGet();
            if (holdLoads) {
              pendingLoad = Promise.promise();
              return pendingLoad.future();
            }
            return Future.succeededFuture();
          }

          @Override
          public void unload() {
            unloads.incrementAndGet();
          }
        });
  }

  @Test
  void activate_unsealsAndLoadsOnce_thenActive() throws Exception {
    VaultLifecycle lifecycle = lifecycle(false);
    assertEquals(State.SEALED, lifecycle.state());

    await(lifecycle.activate());
    await(lifecycle.activate());

    assertEquals(State.ACTIVE, lifecycle.state());
    assertEquals(1, loads.get());
  }

  @Test
  void stepDown_dropsCachesAndSeals_reloadLoadsAgain() throws Exception {
    VaultLifecycle lifecycle = lifecycle(false);
    await(lifecycle.activate());

    await(lifecycle.stepDown());
    assertEquals(State.SEALED, lifecycle.state());
    assertEquals(1, unloads.get());

    await(lifecycle.reload());
    assertEquals(State.ACTIVE, lifecycle.state());
    assertEquals(2, loads.get());
  }

  @Test
  void sealWhileLoading_neverMarksActive() throws Exception {
    VaultLifecycle lifecycle = lifecycle(true);
    Future<Void> activation = lifecycle.activate();
    while (pendingLoad == null) {
      Thread.onSpinWait();
    }
    assertEquals(State.UNSEALING, lifecycle.state());

    await(lifecycle.stepDown());
    pendingLoad.complete();

    Futures.failure(activation);
    assertEquals(State.SEALED, lifecycle.state());
  }

  /** Unsealed or not; tells listeners as VaultSeal does. */
  private static final class FlagSeal implements SealControl {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean sealed = true;

    @Override
    public boolean isInitialized() {
      return true;
    }

    @Override
    public boolean isSealed() {
      return sealed;
    }

    @Override
    public Future<RecoveryKey> initialize() {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<Void> seal() {
      if (!sealed) {
        listeners.forEach(Listener::sealing);
        sealed = true;
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> unseal() {
      if (sealed) {
        sealed = false;
        listeners.forEach(Listener::unsealed);
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> restore(RecoveryKey key) {
      return Future.failedFuture("not used");
    }

    @Override
    public void addListener(Listener listener) {
      listeners.add(listener);
    }
  }
}
