package org.keyward.barrier;

/**
 * The HSM could not do what was asked: the token is gone or refuses the login, a key is missing, or
 * the KEK does not open the keyring. The reason names only the operation ("HSM unavailable during
 * unseal") and is safe to show; the HSM's own text ({@code CKR_*}, labels) stays in the cause and
 * was logged once by the {@link HsmGateway}. An outage, not a fault, so no stack trace.
 */
public final class HsmUnavailableException extends BarrierException {
  private static final long serialVersionUID = 1L;

  public HsmUnavailableException(String reason, Throwable cause) {
    super(reason, cause, false);
  }

  /** What a client is told. */
  public String reason() {
    return getMessage();
  }
}
