package org.keyward.server;

import io.vertx.core.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.keyward.barrier.RecoveryKey;
import org.keyward.barrier.SealControl;

/**
 * The seal as requests and the sys routes see it: sealed until what lives in the barrier (policies,
 * mounts, audit devices) has been loaded after an unseal, and an unseal, init or restore answers
 * only once that is done, so a client's next request is served, not refused.
 */
final class LoadingSealControl implements SealControl {
  private final SealControl seal;
  private final BooleanSupplier loaded;
  private final Supplier<Future<Void>> awaitLoaded;

  LoadingSealControl(SealControl seal, BooleanSupplier loaded, Supplier<Future<Void>> awaitLoaded) {
    this.seal = seal;
    this.loaded = loaded;
    this.awaitLoaded = awaitLoaded;
  }

  @Override
  public boolean isInitialized() {
    return seal.isInitialized();
  }

  @Override
  public boolean isSealed() {
    return seal.isSealed() || !loaded.getAsBoolean();
  }

  @Override
  public boolean isHsmReachable() {
    return seal.isHsmReachable();
  }

  @Override
  public Future<RecoveryKey> initialize() {
    return seal.initialize().compose(key -> awaitLoaded.get().map(key));
  }

  @Override
  public Future<Void> seal() {
    return seal.seal();
  }

  @Override
  public Future<Void> unseal() {
    return seal.unseal().compose(v -> awaitLoaded.get());
  }

  @Override
  public Future<Void> restore(RecoveryKey key) {
    return seal.restore(key).compose(v -> awaitLoaded.get());
  }

  @Override
  public void addListener(Listener listener) {
    seal.addListener(listener);
  }
}
