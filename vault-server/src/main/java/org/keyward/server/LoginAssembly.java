package org.keyward.server;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.auth.TokenRoutes;
import org.keyward.auth.TokenStore;
import org.keyward.auth.TokenStoreLoginIssuer;
import org.keyward.auth.TokenStoreLoginIssuer.MountTtls;
import org.keyward.auth.approle.AppRoleFactory;
import org.keyward.auth.cert.CertAuthFactory;
import org.keyward.auth.cert.LocalRevocationLookup;
import org.keyward.auth.identity.EntityStore;
import org.keyward.auth.identity.IdentityRoutes;
import org.keyward.auth.mfa.LoginMfa;
import org.keyward.auth.userpass.UserpassFactory;
import org.keyward.barrier.Barrier;
import org.keyward.engine.MountEntry;
import org.keyward.http.Operation;
import org.keyward.sys.MountKind;
import org.keyward.sys.MountTable;

/**
 * Logins, built over the barrier: the auth mount table (approle, cert, userpass) with the token
 * method built in, the identity store and the login MFA gate every login goes through, and the pool
 * passwords are hashed on. Disabling a login method revokes every token it issued.
 */
final class LoginAssembly {
  static final String IDENTITY_VIEW = "sys/identity/";
  static final String MFA_VIEW = "sys/identity-mfa/";

  /** Argon2id threads: each hash holds 19 MiB and a core, so a login flood stays bounded. */
  private static final int PASSWORD_HASH_THREADS = 2;

  private final TokenStore tokens;
  private final MountTable auths;
  private final LoginMfa mfa;
  private final WorkerExecutor passwordHashing;
  private final List<Operation<?>> identityOperations = new ArrayList<>();

  /**
   * @param systemView the view the auth mount table is stored in (shared with the secrets mounts)
   * @param ownPki whether this server's own PKI mounts revoked a login certificate
   */
  LoginAssembly(
      Vertx vertx,
      Barrier barrier,
      String systemView,
      TokenStore tokens,
      LoginLockout lockout,
      LocalRevocationLookup ownPki,
      Clock clock) {
    this.tokens = tokens;
    LoginTokenIssuer tokenIssuer = new TokenStoreLoginIssuer(tokens, this::mountTtls);
    // Every login goes through the MFA gate: it ties the token to an identity entity and holds it
    // back while a login MFA enforcement asks for a second factor.
    EntityStore entities = new EntityStore(barrier.view(IDENTITY_VIEW), clock);
    this.mfa =
        new LoginMfa(
            barrier.view(MFA_VIEW),
            entities,
            tokenIssuer,
            this::mountServing,
            clock,
            LoginMfa.defaultRequestTtl());
    LoginTokenIssuer issuer = mfa.gate();
    this.passwordHashing = vertx.createSharedWorkerExecutor("password-hash", PASSWORD_HASH_THREADS);
    this.auths =
        new MountTable(
            vertx,
            MountKind.AUTH,
            barrier.view(systemView),
            barrier::view,
            List.of(
                new AppRoleFactory(issuer, lockout, clock),
                new CertAuthFactory(issuer, lockout, clock, ownPki),
                new UserpassFactory(issuer, lockout, passwordHashing)));
    identityOperations.addAll(new IdentityRoutes(entities).operations());
    identityOperations.addAll(mfa.identityOperations());
    // Disabling a login method revokes every token it issued (and their children), as Vault does.
    auths.afterUnmount(e -> tokens.revokeByPathPrefix(e.path()).mapEmpty());
  }

  /** The auth mount table. */
  MountTable auths() {
    return auths;
  }

  /** The {@code identity/} operations (entities, MFA methods). */
  List<Operation<?>> identityOperations() {
    return identityOperations;
  }

  /** Login MFA, for the compliance report's MFA section. */
  LoginMfa mfa() {
    return mfa;
  }

  /** The MFA gate's {@code sys/} operations. */
  List<Operation<?>> sysOperations() {
    return mfa.sysOperations();
  }

  /** Mounts the token method, once the routes are assembled. */
  void addTokenMethod() {
    auths.addBuiltIn(
        TokenRoutes.MOUNT_PATH,
        TokenRoutes.MOUNT_TYPE,
        "token based credentials",
        new TokenRoutes(tokens).operations());
  }

  /** Drops what lives in the barrier at seal: the mounts and pending MFA logins. */
  void unload() {
    auths.unload();
    mfa.forgetPending();
  }

  void close() {
    passwordHashing.close();
  }

  /** The auth mount serving a login path, for the MFA gate's aliases and enforcements. */
  private Optional<MountEntry> mountServing(String loginPath) {
    return auths.mountServing(loginPath);
  }

  /** The TTLs the auth mount serving a login path is tuned to (read at each login). */
  private MountTtls mountTtls(String loginPath) {
    return auths
        .mountServing(loginPath)
        .map(e -> new MountTtls(e.defaultLeaseTtl(), e.maxLeaseTtl()))
        .orElse(MountTtls.NONE);
  }
}
