package org.keyward.auth.mfa;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.OptionalLong;
import org.keyward.http.ApiError;
import org.keyward.view.CompareAndSet;
import org.keyward.view.StoredValue;

/**
 * Validates one TOTP passcode for a method and entity: not while the pair is blocked by {@code
 * max_validation_attempts}, only with a code of a step after the last accepted one, and the
 * accepted step is written back in a transaction that expects the key row unchanged, so two
 * requests racing with one code cannot both win (the loser re-reads and finds the step used).
 * Failures are 403, as in Vault, and count toward the limit.
 */
final class TotpVerifier {
  static final String INVALID_CODE = "failed to validate TOTP passcode";
  static final String NOT_ENROLLED = "entity has no TOTP secret for the MFA method";

  private final MfaStore store;
  private final ValidationAttempts attempts;
  private final Clock clock;

  TotpVerifier(MfaStore store, ValidationAttempts attempts, Clock clock) {
    this.store = store;
    this.attempts = attempts;
    this.clock = clock;
  }

  /** Outcome of a failed validation: whether it used up the attempts and ends the MFA request. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean exhausted;
    final ApiError error;

    Refused(ApiError error, boolean exhausted) {
      super(error.getMessage(), null, false, false);
      this.error = error;
      this.exhausted = exhausted;
    }
  }

  Future<Void> verify(TotpMethod method, String entityId, String code) {
    long blocked = attempts.blockedFor(method.id(), entityId);
    if (blocked > 0) {
      return Future.failedFuture(
          new Refused(
              ApiError.of(
                  403,
                  "maximum TOTP validation attempts exceeded; try again in "
                      + blocked
                      + " seconds"),
              true));
    }
    return verifyOnce(method, entityId, code, true);
  }

  private Future<Void> verifyOnce(TotpMethod method, String entityId, String code, boolean retry) {
    return store
        .secret(method.id(), entityId)
        .compose(
            row -> {
              if (row.isEmpty()) {
                return Future.failedFuture(new Refused(ApiError.of(403, NOT_ENROLLED), false));
              }
              StoredValue read = row.get();
              TotpSecret secret = TotpSecret.fromBytes(read.plaintext());
              OptionalLong step = TotpCodes.acceptedStep(method, secret, code, clock.instant());
              if (step.isEmpty()) {
                boolean exhausted = attempts.recordFailure(method.id(), entityId, method);
                return Future.failedFuture(new Refused(ApiError.of(403, INVALID_CODE), exhausted));
              }
              return store
                  .markUsed(method.id(), entityId, read, secret.usedAt(step.getAsLong()))
                  .onSuccess(v -> attempts.recordSuccess(method.id(), entityId))
                  .recover(
                      e ->
                          CompareAndSet.isConflict(e) && retry
                              ? verifyOnce(method, entityId, code, false)
                              : Future.failedFuture(e));
            });
  }
}
