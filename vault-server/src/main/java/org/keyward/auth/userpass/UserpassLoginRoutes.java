package org.keyward.auth.userpass;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.auth.TokenGrant;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code POST login/:username}: a password to a token (or, under a login MFA enforcement, to an MFA
 * requirement). An unknown user and a wrong password get the same 400 {@code invalid username or
 * password} after the same work: the unknown user's password is checked against an unmatchable
 * Argon2id hash with the same parameters, so neither the answer nor its time tells which it was.
 * Both count toward {@link LoginLockout} on the mount path plus the user name, and a locked-out
 * name is refused before any hashing.
 */
final class UserpassLoginRoutes {
  static final String INVALID = "invalid username or password";
  static final String WRONG_ADDRESS = "login request originated from invalid CIDR";

  private final UserStore users;
  private final WorkerExecutor hashing;
  private final LoginTokenIssuer issuer;
  private final LoginLockout lockout;
  private final Argon2idPasswordHash unmatchable;
  private final BiPredicate<Argon2idPasswordHash, String> kdfCheck;

  UserpassLoginRoutes(
      UserStore users, WorkerExecutor hashing, LoginTokenIssuer issuer, LoginLockout lockout) {
    this(users, hashing, issuer, lockout, Argon2idPasswordHash::matches);
  }

  /**
   * @param kdfCheck runs the password through a hash's KDF; tests count its calls to show both
   *     paths do the same work (CVE-2025-6011) without timing anything
   */
  UserpassLoginRoutes(
      UserStore users,
      WorkerExecutor hashing,
      LoginTokenIssuer issuer,
      LoginLockout lockout,
      BiPredicate<Argon2idPasswordHash, String> kdfCheck) {
    this.users = users;
    this.hashing = hashing;
    this.issuer = issuer;
    this.lockout = lockout;
    this.unmatchable = Argon2idPasswordHash.unmatchable(new SecureRandom());
    this.kdfCheck = kdfCheck;
  }

  Future<VaultResponse> login(UserpassRequests.Login login, RequestContext request) {
    String identity = request.mountPath() + "user/" + LoginLockout.canonical(login.name().value());
    return Future.<Void>succeededFuture()
        .map(
            v -> {
              lockout.checkAllowed(identity);
              return v;
            })
        .compose(v -> users.get(login.name()))
        .compose(user -> verify(user, login.password()))
        .compose(
            user -> {
              if (user.isEmpty()) {
                lockout.recordFailure(identity);
                return Future.failedFuture(ApiError.badRequest(INVALID));
              }
              if (!user.get().allowsAddress(request.remoteAddress())) {
                return Future.failedFuture(ApiError.badRequest(WRONG_ADDRESS));
              }
              lockout.recordSuccess(identity);
              return issuer.issue(grant(user.get(), request), request);
            });
  }

  /** The user if the password matches; empty for a wrong password or an unknown user alike. */
  private Future<Optional<UserEntry>> verify(Optional<UserEntry> user, String password) {
    Argon2idPasswordHash hash = user.map(UserEntry::password).orElse(unmatchable);
    return hashing
        .executeBlocking(() -> kdfCheck.test(hash, password), false)
        .map(ok -> ok && user.isPresent() ? user : Optional.<UserEntry>empty());
  }

  private static TokenGrant grant(UserEntry user, RequestContext request) {
    return new TokenGrant(
        request.mountPath() + "login",
        user.name(),
        user.tokenPolicies(),
        Map.of("username", user.name()),
        user.tokenTtl(),
        user.tokenMaxTtl(),
        0,
        true);
  }
}
