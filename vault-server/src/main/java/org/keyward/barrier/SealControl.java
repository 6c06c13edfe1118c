package org.keyward.barrier;

import io.vertx.core.Future;

/**
 * Initialisation and sealing as the {@code sys} routes drive them. Every method returns at once;
 * HSM work runs on the {@code hsm} worker pool. A request that does not fit the state fails with
 * {@link BarrierRefusalException}; an unavailable HSM with the HSM worker's public error.
 */
public interface SealControl extends SealState {
  /**
   * Creates the KEK in the HSM, a new keyring and the recovery key, stores them and unseals. Fails
   * with 400 if already initialised. The recovery key is returned here only.
   */
  Future<RecoveryKey> initialize();

  /** Drops the keyring from memory; the background retry does not undo a manual seal. */
  Future<Void> seal();

  /** Unseals through the HSM; succeeds at once if already unsealed. */
  Future<Void> unseal();

  /**
   * While sealed: opens the recovery copy of the keyring with {@code key}, wraps it under a new KEK
   * version in the current HSM token, stores it and unseals. Fails with 400 if the key does not
   * open the copy or the vault is unsealed or uninitialised.
   */
  Future<Void> restore(RecoveryKey key);

  /** Told after every unseal and before every seal completes (engines, background jobs). */
  interface Listener {
    default void unsealed() {}

    default void sealing() {}
  }

  void addListener(Listener listener);
}
