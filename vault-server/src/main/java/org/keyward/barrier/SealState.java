package org.keyward.barrier;

/**
 * Whether the vault has been initialised and whether its keyring is unsealed, read on the event
 * loop by health, seal status and the request pipeline. Reads are cheap and never block.
 */
public interface SealState {
  boolean isInitialized();

  boolean isSealed();
}
