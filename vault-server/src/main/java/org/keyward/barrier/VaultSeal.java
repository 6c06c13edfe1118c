package org.keyward.barrier;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.keyward.concurrent.KeyedSerialQueue;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;
import org.keyward.storage.Storage;

/**
 * The HSM seal: initialises the vault, unseals it by unwrapping {@code core/keyring} with the KEK,
 * and seals it by dropping the keyring. If the HSM or its KEK is missing at start, the vault stays
 * sealed and retries in the background with exponential backoff until it unseals, is sealed by
 * hand, or is stopped.
 *
 * <p>Lifecycle: construct, {@link #start()} once (reads whether the vault is initialised and tries
 * to unseal), {@link #close()} at shutdown. {@link #isInitialized()} and {@link #isSealed()} are
 * plain volatile reads, safe on the event loop.
 */
public final class VaultSeal implements SealControl, KeyringChanges, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(VaultSeal.class.getName());
  static final String KEK_NAME = "kek";

  private final Barrier barrier;
  private final Clock clock;
  private final HsmGateway hsm;
  private final KeyringStore keyrings;
  private final KeyedSerialQueue queue = new KeyedSerialQueue();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean initialized;
  private volatile boolean manuallySealed;
  private volatile boolean closed;
  private final UnsealRetry retry;
  private Map<Integer, Long> carryOver = Map.of(); // only touched inside the serial queue

  public VaultSeal(
      Vertx vertx,
      Storage storage,
      HsmGateway hsm,
      Barrier barrier,
      Clock clock,
      Duration minRetry,
      Duration maxRetry) {
    this.hsm = hsm;
    this.barrier = barrier;
    this.clock = clock;
    this.retry =
        new UnsealRetry(
            vertx,
            minRetry,
            maxRetry,
            () ->
                queue.run(
                    () ->
                        closed || manuallySealed || !barrier.isSealed()
                            ? Future.succeededFuture()
                            : unsealNow()));
    this.keyrings = new KeyringStore(storage);
    // An HSM that comes back ends the wait for the next background attempt.
    hsm.onUp(retry::fireNowIfArmed);
  }

  /**
   * Reads whether the vault is initialised and, if so, tries to unseal. Succeeds even when the
   * unseal fails (the server stays up sealed and retries); fails only if storage cannot be read.
   */
  public Future<Void> start() {
    return keyrings
        .readKeyringBytes()
        .compose(
            row -> {
              initialized = row.isPresent();
              if (!initialized) {
                return Future.succeededFuture();
              }
              return queue
                  .run(this::unsealNow)
                  .recover(
                      e -> {
                        LOG.log(
                            Level.WARNING, "unseal at start failed, retrying: " + e.getMessage());
                        scheduleRetry();
                        return Future.succeededFuture();
                      });
            });
  }

  /**
   * As {@link #start()} but stays sealed: for an HA node, which unseals only once it leads. Reads
   * whether the vault is initialised; fails only if storage cannot be read.
   */
  public Future<Void> startSealed() {
    return refreshInitialized().mapEmpty();
  }

  /**
   * Reads again whether the vault is initialised (another HA node may have initialised it since).
   */
  public Future<Boolean> refreshInitialized() {
    return keyrings
        .readKeyringBytes()
        .map(
            row -> {
              initialized = initialized || row.isPresent();
              return initialized;
            });
  }

  /**
   * Unwraps the stored keyring through the HSM and drops it: an HA standby proves at start that it
   * can unseal (HSM, token and KEK reachable) and opens the token ahead of a takeover, so taking
   * over does not wait for a cold HSM. Succeeds at once while uninitialised.
   */
  public Future<Void> probeUnseal() {
    return keyrings
        .readKeyringBytes()
        .compose(
            bytes -> {
              if (bytes.isEmpty()) {
                return Future.succeededFuture();
              }
              KeyringRow row = KeyringRow.parse(bytes.get());
              return hsm.call("unseal probe", p -> row.unwrap(p.kek(row.kek()))).mapEmpty();
            });
  }

  @Override
  public boolean isInitialized() {
    return initialized;
  }

  @Override
  public boolean isSealed() {
    return barrier.isSealed();
  }

  @Override
  public boolean isHsmReachable() {
    return hsm.isUp();
  }

  @Override
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  @Override
  public Future<RecoveryKey> initialize() {
    return queue.run(
        () ->
            keyrings
                .readKeyringBytes()
                .compose(
                    existing -> {
                      if (existing.isPresent()) {
                        return Future.failedFuture(
                            new BarrierRefusalException("Vault is already initialized"));
                      }
                      return hsm.call("init", p -> newVault(p, 0));
                    })
                .compose(
                    v ->
                        keyrings
                            .replace(null, v.row, v.recovery)
                            .map(
                                ignored -> {
                                  initialized = true;
                                  manuallySealed = false;
                                  return v;
                                }))
                .compose(v -> installed(v.keyring, null).map(ignored -> v.recoveryKey)));
  }

  private record NewVault(
      Keyring keyring, KeyringRow row, RecoveryRow recovery, RecoveryKey recoveryKey) {}

  /** On the hsm pool: a KEK at the next free version, a keyring, and the recovery key pair. */
  private NewVault newVault(KeyProvider provider, int inUse) throws GeneralSecurityException {
    KeyRef kek = nextKek(provider, inUse);
    Aead kekAead = provider.createKek(kek);
    Keyring keyring = Keyring.generate(clock.instant());
    KeysetHandle recoveryKey = RecoveryRow.newRecoveryKey();
    RecoveryRow recovery = RecoveryRow.seal(RecoveryRow.publicKeysetOf(recoveryKey), keyring);
    return new NewVault(
        keyring,
        KeyringRow.wrap(keyring, kek, kekAead),
        recovery,
        new RecoveryKey(RecoveryRow.serializePrivate(recoveryKey)));
  }

  /**
   * The KEK version after the newest in the token and after {@code inUse} (the version the stored
   * keyring names, 0 if none), so a token that lists fewer keys than it should (gone, replaced)
   * never makes the next KEK reuse a version the keyring already knows. Calls the HSM.
   */
  static KeyRef nextKek(KeyProvider provider, int inUse) throws HsmException {
    List<Integer> versions = provider.versions(KEK_NAME);
    int newest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
    return new KeyRef(KEK_NAME, Math.max(newest, inUse) + 1);
  }

  @Override
  public Future<Void> unseal() {
    manuallySealed = false;
    if (!initialized) {
      return Future.failedFuture(new BarrierRefusalException("Vault is not initialized"));
    }
    return queue.run(() -> barrier.isSealed() ? unsealNow() : Future.succeededFuture());
  }

  /** Reads {@code core/keyring}, unwraps it with its KEK on the hsm pool, installs it. */
  private Future<Void> unsealNow() {
    return keyrings
        .readKeyringBytes()
        .compose(
            bytes -> {
              if (bytes.isEmpty()) {
                return Future.failedFuture(new BarrierRefusalException("Vault is not initialized"));
              }
              KeyringRow row = KeyringRow.parse(bytes.get());
              return hsm.call("unseal", p -> row.unwrap(p.kek(row.kek())));
            })
        .compose(keyring -> barrier.readCounters(keyring).compose(c -> installed(keyring, c)));
  }

  /** Installs an unsealed keyring with its stored counters, reserves ahead, tells listeners. */
  private Future<Void> installed(Keyring keyring, byte[] storedCounters) {
    barrier.installUnsealed(keyring, storedCounters);
    barrier.raiseCounts(carryOver);
    carryOver = Map.of();
    cancelRetry();
    LOG.log(Level.INFO, "unsealed, keyring term " + keyring.primary().term());
    return barrier.reserve().onSuccess(v -> listeners.forEach(Listener::unsealed));
  }

  @Override
  public Future<Void> seal() {
    manuallySealed = true;
    cancelRetry();
    return queue.run(this::sealNow);
  }

  private Future<Void> sealNow() {
    if (barrier.isSealed()) {
      return Future.succeededFuture();
    }
    listeners.forEach(Listener::sealing);
    return barrier
        .persistExactCounts()
        .transform(
            ar -> {
              barrier.clear();
              LOG.log(Level.INFO, "sealed");
              return Future.succeededFuture();
            });
  }

  @Override
  public Future<Void> restore(RecoveryKey key) {
    return queue.run(
        () -> {
          if (!initialized) {
            return Future.failedFuture(new BarrierRefusalException("Vault is not initialized"));
          }
          if (!barrier.isSealed()) {
            return Future.failedFuture(
                new BarrierRefusalException("recovery restore is only allowed while sealed"));
          }
          return keyrings
              .readRecovery()
              .compose(
                  recovery ->
                      recovery.isEmpty()
                          ? Future.failedFuture(
                              new BarrierRefusalException("no recovery keyring stored"))
                          : keyrings
                              .readKeyringBytes()
                              .compose(old -> restoreWith(key, recovery.get(), old.orElse(null))));
        });
  }

  private Future<Void> restoreWith(RecoveryKey key, RecoveryRow recovery, byte[] oldRow) {
    return hsm.call(
            "recovery restore",
            provider -> {
              Keyring keyring;
              try {
                keyring = recovery.open(key.keyset());
              } catch (GeneralSecurityException e) {
                throw new BarrierRefusalException(
                    "recovery key does not open the recovery keyring");
              }
              // A new KEK version, never an existing one: the old token's KEK may come back.
              int inUse = oldRow == null ? 0 : KeyringRow.parse(oldRow).kek().version();
              KeyRef kek = nextKek(provider, inUse);
              return new Restored(keyring, KeyringRow.wrap(keyring, kek, provider.createKek(kek)));
            })
        .compose(
            restored ->
                keyrings
                    .replace(oldRow, restored.row(), null)
                    .compose(
                        v -> {
                          manuallySealed = false;
                          cancelRetry();
                          Keyring keyring = restored.keyring();
                          return barrier.readCounters(keyring).compose(c -> installed(keyring, c));
                        }));
  }

  private record Restored(Keyring keyring, KeyringRow row) {}

  /**
   * Seals, runs {@code replace} (which swaps the stored data wholesale, e.g. a snapshot restore),
   * then reads again whether the vault is initialised and unseals as at start. When the KEK named
   * by the new keyring row is not in this token (a snapshot from another machine), the vault stays
   * sealed and waits for {@code sys/recovery/restore}; that is not a failure of the replacement.
   * Completes with the replacement's result or failure, after the unseal was attempted.
   */
  public <T> Future<T> resealAround(Supplier<Future<T>> replace) {
    return queue.run(
        () -> {
          // The keys' real use only grows: counts from before the replacement are carried over.
          carryOver = barrier.exactCounts();
          return sealNow()
              .compose(v -> replace.get())
              .transform(
                  replaced ->
                      keyrings
                          .readKeyringBytes()
                          .compose(
                              row -> {
                                initialized = row.isPresent();
                                return initialized ? unsealNow() : Future.succeededFuture();
                              })
                          .transform(
                              unsealed -> {
                                if (unsealed.failed()) {
                                  LOG.log(
                                      Level.WARNING,
                                      "unseal after a storage replacement failed: "
                                          + unsealed.cause().getMessage());
                                  scheduleRetry();
                                }
                                carryOver = Map.of();
                                return replaced.succeeded()
                                    ? Future.succeededFuture(replaced.result())
                                    : Future.failedFuture(replaced.cause());
                              }));
        });
  }

  private void scheduleRetry() {
    if (!closed && !manuallySealed) {
      retry.arm();
    }
  }

  /** Whether the background unseal is armed (for tests and status). */
  boolean retryPending() {
    return retry.isArmed();
  }

  private void cancelRetry() {
    retry.cancel();
  }

  @Override
  public <T> Future<T> changeKeyring(String what, Change<T> change) {
    return queue.run(
        () -> {
          if (barrier.isSealed()) {
            return Future.failedFuture(new VaultSealedException());
          }
          return keyrings
              .readKeyringBytes()
              .compose(
                  bytes -> {
                    if (bytes.isEmpty()) {
                      return Future.failedFuture(new VaultSealedException());
                    }
                    KeyringRow stored = KeyringRow.parse(bytes.get());
                    return keyrings
                        .readRecovery()
                        .compose(
                            recovery -> hsm.call(what, p -> change.compute(p, stored, recovery)))
                        .compose(outcome -> store(bytes.get(), outcome));
                  });
        });
  }

  /** Stores a change's rows, and only then puts its new keyring to use. */
  private <T> Future<T> store(byte[] expected, Outcome<T> outcome) {
    if (outcome.row() == null) {
      return Future.succeededFuture(outcome.result());
    }
    return keyrings
        .replace(expected, outcome.row(), outcome.recovery())
        .compose(
            v -> {
              if (outcome.install() == null) {
                return Future.succeededFuture(outcome.result());
              }
              barrier.replaceKeyring(outcome.install());
              // A new primary has no durable counter ceiling yet: reserve one now.
              return barrier.reserve().map(outcome.result());
            });
  }

  /** The barrier this seal unseals, for {@link KeyringAdmin}'s status reads. */
  Barrier barrier() {
    return barrier;
  }

  /**
   * Stores the exact counters, seals and stops the retry; the provider is the caller's to close.
   */
  public Future<Void> stop() {
    closed = true;
    cancelRetry();
    return queue.run(this::sealNow);
  }

  /** Stops the background unseal; the HSM gateway is the caller's to close. */
  @Override
  public void close() {
    closed = true;
    cancelRetry();
  }
}
