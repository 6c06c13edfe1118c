package org.keyward.barrier;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyProvider;

/**
 * The one way into the HSM for every part of the server (seal and KEK rotation, transit HSM keys,
 * PKI CA signing, audit checkpoint signing). It owns the key provider, the worker pool every
 * blocking HSM call runs on (one thread per token session, {@code hsm_sessions}), the single
 * translation of {@link HsmException} into an {@link HsmUnavailableException} (the cause logged
 * once here, the HSM's own text never in its reason; the HTTP edge answers it 503), and whether the
 * HSM is up.
 *
 * <p>A call that fails with {@link HsmException.Kind#UNAVAILABLE} or {@link
 * HsmException.Kind#LOGIN_FAILED} marks the HSM down. While it is down, calls fail at once with
 * {@link HsmUnavailableException} without touching the HSM, so no request waits on a dead device,
 * and a probe pings the provider every {@code probeInterval} (the provider reconnects there); the
 * first successful ping marks it up again and tells the {@link #onUp} listeners. Thread-safe.
 */
public final class HsmGateway implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HsmGateway.class.getName());

  /** Blocking work on the key provider; runs on the HSM pool. */
  @FunctionalInterface
  public interface HsmCall<T> {
    T apply(KeyProvider provider) throws Exception;
  }

  private final Vertx vertx;
  private final KeyProvider provider;
  private final WorkerExecutor executor;
  private final Duration probeInterval;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final AtomicBoolean probing = new AtomicBoolean();
  private final List<Runnable> upListeners = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Queued<?>> queued = new ConcurrentLinkedQueue<>();
  private final AtomicInteger lanesRunning = new AtomicInteger();
  private final int lanes;
  private volatile boolean closed;

  /**
   * @param sessions the token sessions, and so the pool's threads ({@code hsm_sessions})
   * @param probeInterval how often to ping the provider while the HSM is down
   */
  public HsmGateway(Vertx vertx, KeyProvider provider, int sessions, Duration probeInterval) {
    this.vertx = vertx;
    this.provider = provider;
    this.probeInterval = probeInterval;
    // Made here only: no other class joins this pool by its name.
    this.executor = vertx.createSharedWorkerExecutor("hsm", sessions);
    // As many lanes as sessions: a network HSM is bound by its round trip, not by our cores, and
    // wants every session busy; under load the lanes then run back to back instead of waking a
    // thread per call.
    this.lanes = sessions;
  }

  /** What the provider is, for logs (no secrets). */
  public String description() {
    return provider.description();
  }

  /** False from an HSM failure meaning the device is gone until a ping succeeds again. */
  public boolean isUp() {
    return up.get();
  }

  /** Runs {@code listener} (on a worker) each time the HSM comes back up. */
  public void onUp(Runnable listener) {
    upListeners.add(listener);
  }

  /**
   * Runs {@code work} on the HSM pool. An {@link HsmException} fails the future with an {@link
   * HsmUnavailableException} naming {@code what}; any other runtime exception thrown by {@code
   * work} (a {@link BarrierRefusalException}, say) passes unchanged.
   */
  public <T> Future<T> call(String what, HsmCall<T> work) {
    if (!up.get()) {
      return Future.failedFuture(downError(what));
    }
    return executor.executeBlocking(() -> blocking(what, work), false);
  }

  /**
   * As {@link #call}, for many small calls under load (an HSM-resident transit key: one PKCS#11
   * encrypt per request): calls join one queue that at most {@code hsm_sessions} pool tasks
   * ("lanes") drain back to back, each completing its caller on the caller's own context. A pool
   * task per call costs a worker hand-off and wake-up per request; with the lanes busy, a lane
   * takes the next call without one. Calls still run one at a time per lane, each with its own
   * outcome: a failed call fails only its own future.
   */
  public <T> Future<T> callQueued(String what, HsmCall<T> work) {
    if (!up.get()) {
      return Future.failedFuture(downError(what));
    }
    Context caller = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    queued.add(new Queued<>(what, work, promise, caller));
    if (takeLane()) {
      executor
          .executeBlocking(
              () -> {
                drain();
                return null;
              },
              false)
          .onFailure(this::laneRefused);
    }
    return promise.future();
  }

  /**
   * The pool refused a lane's task (it is closed): give the lane back and fail what is queued,
   * which no lane would run otherwise. A lane that ran and returned never fails.
   */
  private void laneRefused(Throwable cause) {
    lanesRunning.decrementAndGet();
    for (Queued<?> next = queued.poll(); next != null; next = queued.poll()) {
      Queued<?> refused = next;
      refused.caller().runOnContext(v -> refused.promise().fail(cause));
    }
  }

  /** A queued call and where to report its outcome. */
  private record Queued<T>(String what, HsmCall<T> work, Promise<T> promise, Context caller) {
    void run(HsmGateway gateway) {
      try {
        T result = gateway.blocking(what, work);
        caller.runOnContext(v -> promise.complete(result));
      } catch (RuntimeException | Error e) {
        // An Error too: thrown out of the lane, it would leave the lane taken and the caller
        // waiting forever.
        caller.runOnContext(v -> promise.fail(e));
      }
    }
  }

  private boolean takeLane() {
    for (int n = lanesRunning.get(); n < lanes; n = lanesRunning.get()) {
      if (lanesRunning.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** One lane: runs queued calls until the queue is empty, then gives its lane back. */
  private void drain() {
    do {
      for (Queued<?> next = queued.poll(); next != null; next = queued.poll()) {
        next.run(this);
      }
      lanesRunning.decrementAndGet();
      // A call queued after the last poll may have found every lane taken: take it on.
    } while (!queued.isEmpty() && takeLane());
  }

  /**
   * Runs {@code work} on the calling thread, which must be a worker (e.g. {@link #executor()}),
   * with the same up/down bookkeeping as {@link #call}. An {@link HsmException} becomes an {@link
   * HsmUnavailableException} as there.
   */
  public <T> T blocking(String what, HsmCall<T> work) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(what + ": an HSM call on an event loop");
    }
    if (!up.get()) {
      throw downError(what);
    }
    try {
      return work.apply(provider);
    } catch (HsmException e) {
      throw unavailable(what, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed", e);
    }
  }

  /** The HSM pool, for blocking users that take an {@link Executor} (audit signing). */
  public Executor executor() {
    return command ->
        executor.executeBlocking(
            () -> {
              command.run();
              return null;
            },
            false);
  }

  /**
   * The one translation of an HSM failure: a reason safe to show, the HSM's message (labels, {@code
   * CKR_*}) and cause to the log only. A failure meaning the device is gone marks the HSM down.
   */
  private HsmUnavailableException unavailable(String what, HsmException e) {
    // The message names the operation, key label and CKR code; the wrapper's stack adds nothing.
    LOG.log(Level.WARNING, what + " failed: " + e.kind() + ": " + e.getMessage());
    LOG.log(Level.DEBUG, what + " failure", e);
    if (e.kind() == HsmException.Kind.UNAVAILABLE || e.kind() == HsmException.Kind.LOGIN_FAILED) {
      markDown();
    }
    String reason =
        switch (e.kind()) {
          case KEY_NOT_FOUND -> "HSM key not found during " + what;
          case INTEGRITY -> "HSM key did not open the keyring during " + what;
          default -> "HSM unavailable during " + what;
        };
    return new HsmUnavailableException(reason, e);
  }

  private static HsmUnavailableException downError(String what) {
    return new HsmUnavailableException("HSM unavailable during " + what, null);
  }

  private void markDown() {
    if (up.compareAndSet(true, false)) {
      LOG.log(Level.WARNING, "HSM " + provider.description() + " is down; probing for its return");
    }
    scheduleProbe();
  }

  private void scheduleProbe() {
    if (closed || !probing.compareAndSet(false, true)) {
      return;
    }
    vertx.setTimer(Math.max(1, probeInterval.toMillis()), id -> probe());
  }

  private void probe() {
    if (closed) {
      return;
    }
    executor
        .executeBlocking(
            () -> {
              provider.ping();
              return null;
            },
            false)
        .onComplete(
            ar -> {
              probing.set(false);
              if (ar.succeeded()) {
                if (up.compareAndSet(false, true)) {
                  LOG.log(Level.INFO, "HSM " + provider.description() + " is back");
                  upListeners.forEach(Runnable::run);
                }
              } else {
                LOG.log(Level.DEBUG, "HSM probe failed: " + ar.cause().getMessage());
                scheduleProbe();
              }
            });
  }

  /** Stops probing, closes the pool, then the provider. Blocking: call on a worker. */
  @Override
  public void close() {
    closed = true;
    executor.close();
    provider.close();
  }
}
