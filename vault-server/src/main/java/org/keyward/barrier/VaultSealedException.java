package org.keyward.barrier;

/**
 * No keyring is installed: nothing above the barrier can be read or written until an unseal. An
 * expected state, not a fault, so it carries no stack trace.
 */
public final class VaultSealedException extends BarrierException {
  private static final long serialVersionUID = 1L;

  public VaultSealedException() {
    super("vault is sealed", null, false);
  }
}
