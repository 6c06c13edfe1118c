package org.keyward.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.keyward.barrier.SealControl;
import org.keyward.http.ApiError;

/**
 * The vault's lifecycle as one state machine: {@code SEALED → UNSEALING → ACTIVE → STEPPING_DOWN →
 * SEALED}. Unsealing unwraps the keyring through the HSM and then loads what lives in the barrier
 * (policies, mounts, audit devices); only once that is done is the vault {@code ACTIVE} and are
 * requests let through. Stepping down drops every cache before the keyring goes, so nothing served
 * afterwards can come from memory filled before.
 *
 * <p>Seal and unseal (by hand, at start, by the background retry), HA leadership changes and a
 * storage restore all go through here: {@link #activate()}, {@link #stepDown()} and {@link
 * #reload()}. Loading runs on one Vert.x context; {@link #state()} is a volatile read, safe on any
 * thread.
 */
final class VaultLifecycle {
  private static final System.Logger LOG = System.getLogger(VaultLifecycle.class.getName());

  /** Where the vault is in its lifecycle. */
  enum State {
    SEALED,
    UNSEALING,
    ACTIVE,
    STEPPING_DOWN
  }

  /** What lives in the barrier: loaded after every unseal, dropped before every seal. */
  interface BarrierResidents {
    /** Reads policies, mounts and the rest from storage; the keyring is unsealed. */
    Future<Void> load();

    /** Drops every cache and stops background work that writes; must not fail. */
    void unload();
  }

  private final Context context;
  private final SealControl seal;
  private final BarrierResidents residents;
  private final List<Runnable> activeListeners = new CopyOnWriteArrayList<>();
  // Bumped by every step down, so a load that started before one never marks the vault active.
  private final AtomicLong generation = new AtomicLong();
  private volatile State state = State.SEALED;
  private Future<Void> loading; // confined to context

  VaultLifecycle(Context context, SealControl seal, BarrierResidents residents) {
    this.context = context;
    this.seal = seal;
    this.residents = residents;
    seal.addListener(
        new SealControl.Listener() {
          @Override
          public void unsealed() {
            context.runOnContext(v -> load());
          }

          @Override
          public void sealing() {
            unload();
          }
        });
  }

  State state() {
    return state;
  }

  /** Whether requests may be served: unsealed and everything loaded. */
  boolean isActive() {
    return state == State.ACTIVE;
  }

  /** Runs {@code listener} (on the lifecycle's context) each time the vault becomes active. */
  void onActive(Runnable listener) {
    activeListeners.add(listener);
  }

  /**
   * Sealed → unsealing → active: unseals through the HSM unless the keyring is already in memory,
   * then loads. Completes once the vault serves; fails as the unseal or the load failed.
   */
  Future<Void> activate() {
    return seal.unseal().compose(v -> awaitActive());
  }

  /**
   * Active → stepping down → sealed: drops caches, stores the exact encryption counters and clears
   * the keyring. Succeeds at once when already sealed.
   */
  Future<Void> stepDown() {
    return seal.seal();
  }

  /**
   * Steps down, then becomes active again: every cache and the keyring are read afresh from
   * storage, as after a failover or a restore of the storage below the vault.
   */
  Future<Void> reload() {
    return stepDown().compose(v -> activate());
  }

  /** Completes once the vault is active, loading first if the keyring is in but nothing else. */
  Future<Void> awaitActive() {
    if (state == State.ACTIVE) {
      return Future.succeededFuture();
    }
    return Future.<Future<Void>>future(p -> context.runOnContext(v -> p.complete(load())))
        .compose(f -> f);
  }

  /** On the context: unsealing → active, once per unseal however many callers wait for it. */
  private Future<Void> load() {
    if (state == State.ACTIVE) {
      return Future.succeededFuture();
    }
    if (loading != null) {
      return loading;
    }
    if (seal.isSealed()) {
      return Future.failedFuture(ApiError.sealed());
    }
    long started = generation.get();
    state = State.UNSEALING;
    Future<Void> attempt =
        residents
            .load()
            .compose(
                v -> {
                  if (generation.get() != started || seal.isSealed()) {
                    // Sealed again while loading: what was loaded is already dropped.
                    return Future.<Void>failedFuture(ApiError.sealed());
                  }
                  state = State.ACTIVE;
                  LOG.log(Level.INFO, "vault unsealed and loaded");
                  activeListeners.forEach(Runnable::run);
                  return Future.<Void>succeededFuture();
                })
            .onFailure(
                e -> {
                  if (generation.get() == started) {
                    state = State.SEALED;
                  }
                  LOG.log(Level.ERROR, "loading after unseal failed: " + e.getMessage());
                });
    // A load that finished at once must not stay cached as "in progress" for the next unseal.
    loading = attempt.isComplete() ? null : attempt;
    attempt.onComplete(
        ar -> {
          if (loading == attempt) {
            loading = null;
          }
        });
    return attempt;
  }

  /** Told by the seal before it clears the keyring: any state → stepping down → sealed. */
  private void unload() {
    generation.incrementAndGet();
    state = State.STEPPING_DOWN;
    try {
      residents.unload();
    } finally {
      state = State.SEALED;
      LOG.log(Level.INFO, "vault stepped down: caches dropped");
    }
  }
}
