package org.keyward.auth.mfa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.auth.TokenGrant;
import org.keyward.auth.identity.EntityStore;
import org.keyward.auth.identity.LoginAlias;
import org.keyward.engine.MountEntry;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Stands between every login method and the token store. For each successful first factor it finds
 * or makes the identity entity of the login's alias, so the token carries {@code entity_id}; then,
 * if a login MFA enforcement covers the login (its mount accessor, its method type or its entity),
 * it answers, as Vault 1.10+, with no token but {@code auth.mfa_requirement} and keeps the grant
 * until {@code sys/mfa/validate} brings a valid passcode ({@link MfaValidateRoutes}). A login that
 * sends {@code X-Vault-MFA: <method id>:<passcode>} is checked inline and gets its token at once.
 */
public final class MfaLoginGate implements LoginTokenIssuer {
  static final String HEADER = "X-Vault-MFA";
  static final String WARNING =
      "A login request was issued that is subject to MFA validation. Please make sure to validate"
          + " the login by sending another request to mfa/validate endpoint.";

  private final LoginTokenIssuer tokens;
  private final Function<String, Optional<MountEntry>> authMounts;
  private final EntityStore entities;
  private final MfaStore store;
  private final MfaCheck check;
  private final PendingMfaLogins pending;

  MfaLoginGate(
      LoginTokenIssuer tokens,
      Function<String, Optional<MountEntry>> authMounts,
      EntityStore entities,
      MfaStore store,
      MfaCheck check,
      PendingMfaLogins pending) {
    this.tokens = tokens;
    this.authMounts = authMounts;
    this.entities = entities;
    this.store = store;
    this.check = check;
    this.pending = pending;
  }

  @Override
  public Future<VaultResponse> issue(TokenGrant grant) {
    return issue(grant, null);
  }

  @Override
  public Future<VaultResponse> issue(TokenGrant grant, RequestContext request) {
    Optional<MountEntry> mount = authMounts.apply(grant.authPath());
    Optional<LoginAlias> alias = mount.flatMap(m -> LoginAlias.of(m, grant.metadata()));
    if (alias.isEmpty()) {
      return tokens.issue(grant);
    }
    MountEntry m = mount.get();
    return entities
        .findOrCreate(alias.get())
        .compose(
            entity ->
                store
                    .enforcements()
                    .map(
                        all ->
                            all.stream()
                                .filter(e -> e.covers(m.accessor(), m.type(), entity.id()))
                                .toList())
                    .compose(
                        enforced -> decide(grant.withEntityId(entity.id()), enforced, request)));
  }

  private Future<VaultResponse> decide(
      TokenGrant grant, List<LoginEnforcement> enforced, RequestContext request) {
    if (enforced.isEmpty()) {
      return tokens.issue(grant);
    }
    String inline = request == null ? null : request.header(HEADER);
    if (inline != null) {
      return check
          .satisfy(enforced, grant.entityId(), MfaPayload.fromHeader(inline))
          .recover(MfaLoginGate::asApiError)
          .compose(v -> tokens.issue(grant));
    }
    PendingMfaLogins.Pending p = pending.add(grant, grant.entityId(), enforced);
    return Future.succeededFuture(requirement(p));
  }

  /** Turns a refused validation into its public error; anything else passes through. */
  static <T> Future<T> asApiError(Throwable e) {
    if (e instanceof TotpVerifier.Refused r) {
      return Future.failedFuture(r.error);
    }
    return Future.failedFuture(e);
  }

  private static VaultResponse requirement(PendingMfaLogins.Pending p) {
    JsonObject constraints = new JsonObject();
    for (LoginEnforcement e : p.enforcements()) {
      JsonArray any = new JsonArray();
      for (String id : e.methodIds()) {
        any.add(
            new JsonObject()
                .put("type", "totp")
                .put("id", id)
                .put("uses_passcode", true)
                .put("name", ""));
      }
      constraints.put(e.name(), new JsonObject().put("any", any));
    }
    JsonObject auth =
        new JsonObject()
            .put("client_token", "")
            .put("accessor", "")
            .put("policies", null)
            .put("token_policies", null)
            .put("identity_policies", null)
            .put("metadata", null)
            .put("orphan", false)
            .put("entity_id", "")
            .put("lease_duration", 0)
            .put("renewable", false)
            .put(
                "mfa_requirement",
                new JsonObject().put("mfa_request_id", p.id()).put("mfa_constraints", constraints))
            .put("num_uses", 0);
    return VaultResponse.auth(auth).withWarnings(List.of(WARNING));
  }
}
