package org.keyward.auth.mfa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.auth.identity.EntityStore;
import org.keyward.auth.identity.LoginAlias;
import org.keyward.engine.MountEntry;
import org.keyward.http.Operation;
import org.keyward.view.StorageView;

/**
 * Login MFA assembled: the gate every login method issues through, the {@code identity/mfa/*}
 * configuration paths and {@code sys/mfa/validate}. Pending requests and attempt counts live in
 * memory; methods, enforcements and TOTP keys in {@code view}, through the barrier.
 */
public final class LoginMfa {
  private final MfaLoginGate gate;
  private final TotpMethodRoutes methodRoutes;
  private final LoginEnforcementRoutes enforcementRoutes;
  private final MfaValidateRoutes validateRoutes;
  private final PendingMfaLogins pending;
  private final MfaCoverage coverage;

  /**
   * @param tokens issues the token once every factor passed
   * @param authMounts the auth mount serving a login path
   * @param requestTtl how long a pending MFA request may be validated
   */
  public LoginMfa(
      StorageView view,
      EntityStore entities,
      LoginTokenIssuer tokens,
      Function<String, Optional<MountEntry>> authMounts,
      Clock clock,
      Duration requestTtl) {
    MfaStore store = new MfaStore(view);
    MfaCheck check =
        new MfaCheck(store, new TotpVerifier(store, new ValidationAttempts(clock), clock));
    PendingMfaLogins pending = new PendingMfaLogins(clock, requestTtl);
    this.pending = pending;
    this.gate = new MfaLoginGate(tokens, authMounts, entities, store, check, pending);
    this.methodRoutes = new TotpMethodRoutes(store, entities);
    this.enforcementRoutes = new LoginEnforcementRoutes(store);
    this.validateRoutes = new MfaValidateRoutes(pending, check, tokens);
    this.coverage = new MfaCoverage(store, entities);
  }

  /**
   * For the compliance report: the enforcement names, and for each of {@code accounts} the
   * enforcements that cover its login and whether it holds a TOTP key for them. Never key material.
   */
  public Future<JsonObject> coverage(List<LoginAlias> accounts) {
    return coverage.of(accounts);
  }

  /** The validate routes, for tests of the flow below HTTP. */
  MfaValidateRoutes validateRoutes() {
    return validateRoutes;
  }

  /** Vault's default: a pending MFA login may be validated for five minutes. */
  public static Duration defaultRequestTtl() {
    return PendingMfaLogins.DEFAULT_TTL;
  }

  /** The issuer login methods use: entity lookup, then the MFA requirement or the token. */
  public LoginTokenIssuer gate() {
    return gate;
  }

  /** Drops pending MFA logins; called on seal, so their logins start over after unseal. */
  public void forgetPending() {
    pending.clear();
  }

  /** Operations under the {@code identity/} mount. */
  public List<Operation<?>> identityOperations() {
    List<Operation<?>> ops = new ArrayList<>(methodRoutes.operations());
    ops.addAll(enforcementRoutes.operations());
    return ops;
  }

  /** Operations under {@code sys/}. */
  public List<Operation<?>> sysOperations() {
    return validateRoutes.operations();
  }
}
