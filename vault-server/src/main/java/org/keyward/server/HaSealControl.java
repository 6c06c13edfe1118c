package org.keyward.server;

import io.vertx.core.Future;
import org.keyward.barrier.RecoveryKey;
import org.keyward.barrier.SealControl;
import org.keyward.sys.HaStatus;

/**
 * The seal as an HA node reports it: the active answers as a single node does; a standby of an
 * initialised cluster reports itself unsealed, as Vault's standbys do, since it reaches the same
 * HSM and would unseal the moment it takes over. Everything else goes to the active's seal.
 */
final class HaSealControl implements SealControl {
  private final SealControl seal;
  private final HaStatus ha;

  HaSealControl(SealControl seal, HaStatus ha) {
    this.seal = seal;
    this.ha = ha;
  }

  @Override
  public boolean isInitialized() {
    return seal.isInitialized();
  }

  @Override
  public boolean isSealed() {
    return ha.isActive() ? seal.isSealed() : !seal.isInitialized();
  }

  @Override
  public Future<RecoveryKey> initialize() {
    return seal.initialize();
  }

  @Override
  public Future<Void> seal() {
    return seal.seal();
  }

  @Override
  public Future<Void> unseal() {
    return seal.unseal();
  }

  @Override
  public Future<Void> restore(RecoveryKey key) {
    return seal.restore(key);
  }

  @Override
  public void addListener(Listener listener) {
    seal.addListener(listener);
  }
}
