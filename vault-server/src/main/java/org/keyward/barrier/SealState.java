package org.keyward.barrier;

/**
 * Whether the vault has been initialised and whether its keyring is unsealed, read on the event
 * loop by health, seal status and the request pipeline. Reads are cheap and never block.
 */
public interface SealState {
  boolean isInitialized();

  boolean isSealed();

  /**
   * False while the HSM does not answer (gone, unplugged, network HSM down); the vault may still be
   * unsealed then, serving everything but HSM-held keys. Shown as {@code hsm_reachable}.
   */
  default boolean isHsmReachable() {
    return true;
  }
}
