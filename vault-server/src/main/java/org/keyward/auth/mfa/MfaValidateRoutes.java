package org.keyward.auth.mfa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code POST sys/mfa/validate}: the second step of a login under MFA, without a token (as in
 * Vault). A valid passcode for every enforcement turns the pending login into its token, once; a
 * refused one is 403 and the request may be retried until it expires or its method's {@code
 * max_validation_attempts} is used up, which ends it.
 */
final class MfaValidateRoutes {
  static final String INVALID_REQUEST = "invalid or expired mfa_request_id";

  /** The validated body; passcodes never printed. */
  record Validate(String requestId, Map<String, String> passcodes) {
    static Validate from(RequestContext request) {
      JsonObject b = request.body();
      String id = Fields.requiredString(b, "mfa_request_id");
      return new Validate(id, MfaPayload.fromJson(Fields.object(b, "mfa_payload")));
    }

    @Override
    public String toString() {
      return "Validate[REDACTED]";
    }
  }

  private final PendingMfaLogins pending;
  private final MfaCheck check;
  private final LoginTokenIssuer tokens;

  MfaValidateRoutes(PendingMfaLogins pending, MfaCheck check, LoginTokenIssuer tokens) {
    this.pending = pending;
    this.check = check;
    this.tokens = tokens;
  }

  List<Operation<?>> operations() {
    return List.of(
        Operation.write("mfa/validate", Validate::from, this::validate)
            .with(Operation.Flag.UNAUTHENTICATED));
  }

  Future<VaultResponse> validate(Validate in, RequestContext request) {
    java.util.Optional<PendingMfaLogins.Pending> taken = pending.take(in.requestId());
    if (taken.isEmpty()) {
      return Future.failedFuture(ApiError.of(403, INVALID_REQUEST));
    }
    PendingMfaLogins.Pending p = taken.get();
    return check
        .satisfy(p.enforcements(), p.entityId(), in.passcodes())
        .recover(
            e -> {
              if (!(e instanceof TotpVerifier.Refused r) || !r.exhausted) {
                pending.putBack(p);
              }
              return MfaLoginGate.asApiError(e);
            })
        .compose(v -> tokens.issue(p.grant()));
  }
}
