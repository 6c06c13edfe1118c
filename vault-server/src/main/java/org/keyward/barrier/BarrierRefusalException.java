package org.keyward.barrier;

/**
 * The barrier refused a request it cannot carry out: the vault's state does not allow it (already
 * initialised, not initialised, a re-encryption still running) or an input is wrong (a recovery key
 * that does not parse or open the recovery keyring). The reason is written for the operator who
 * sent the request and is shown as it is, so it never holds a secret or an HSM's own text.
 */
public final class BarrierRefusalException extends BarrierException {
  private static final long serialVersionUID = 1L;

  public BarrierRefusalException(String reason) {
    super(reason, null, false);
  }

  /** What the operator is told. */
  public String reason() {
    return getMessage();
  }
}
