package org.keyward.auth.mfa;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keyward.http.ApiError;

/**
 * Checks an MFA payload (method id to passcodes) against the enforcements a login is under: each
 * enforcement is satisfied when one of its methods validates a passcode given for it, as Vault's
 * {@code any} constraint. Enforcements are checked one after another so that a refused code stops
 * the check and counts once.
 */
final class MfaCheck {
  static final String MISSING = "no passcode given for a required MFA method";

  private final MfaStore store;
  private final TotpVerifier verifier;

  MfaCheck(MfaStore store, TotpVerifier verifier) {
    this.store = store;
    this.verifier = verifier;
  }

  Future<Void> satisfy(
      List<LoginEnforcement> enforcements, String entityId, Map<String, String> passcodes) {
    Future<Void> chain = Future.succeededFuture();
    for (LoginEnforcement e : enforcements) {
      chain = chain.compose(v -> satisfyOne(e, entityId, passcodes));
    }
    return chain;
  }

  private Future<Void> satisfyOne(
      LoginEnforcement enforcement, String entityId, Map<String, String> passcodes) {
    List<String> offered = new ArrayList<>();
    for (String id : enforcement.methodIds()) {
      if (passcodes.containsKey(id)) {
        offered.add(id);
      }
    }
    if (offered.isEmpty()) {
      return Future.failedFuture(new TotpVerifier.Refused(ApiError.of(403, MISSING), false));
    }
    // One passcode per enforcement is enough; try the first method it was given for.
    String methodId = offered.get(0);
    return store
        .method(methodId)
        .compose(
            (Optional<TotpMethod> method) ->
                method.isEmpty()
                    ? Future.failedFuture(
                        new TotpVerifier.Refused(ApiError.of(403, MISSING), false))
                    : verifier.verify(method.get(), entityId, passcodes.get(methodId)));
  }
}
