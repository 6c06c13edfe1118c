package org.keyward.auth.cert;

import io.vertx.core.Future;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.LoginTokenIssuer;
import org.keyward.auth.TokenGrant;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code POST login}: the client's identity is only {@link RequestContext#peerCertificates()}, the
 * chain of the TLS connection that carried the request; nothing in the body or headers can name a
 * certificate. The named role, or every role in name order, is tried; the first that trusts the
 * chain and allows the leaf's names wins. Failures count against the SHA-256 of the leaf DER.
 */
final class CertLoginRoutes {
  static final String NO_CERTIFICATE = "client certificate must be supplied";
  static final String UNTRUSTED = "invalid certificate or no client certificate supplied";

  private final CertRoleStore store;
  private final LoginTokenIssuer issuer;
  private final LoginLockout lockout;
  private final Clock clock;

  CertLoginRoutes(CertRoleStore store, LoginTokenIssuer issuer, LoginLockout lockout, Clock clock) {
    this.store = store;
    this.issuer = issuer;
    this.lockout = lockout;
    this.clock = clock;
  }

  Future<VaultResponse> login(CertRoleRequests.Login login, RequestContext request) {
    List<X509Certificate> chain = request.peerCertificates();
    if (chain.isEmpty()) {
      return Future.failedFuture(ApiError.badRequest(NO_CERTIFICATE));
    }
    X509Certificate leaf = chain.get(0);
    String identity = request.mountPath() + LeafIdentity.fingerprint(leaf);
    return Future.<Void>succeededFuture()
        .map(
            v -> {
              lockout.checkAllowed(identity);
              return v;
            })
        .compose(v -> candidates(login))
        .map(
            roles -> {
              Instant now = clock.instant();
              for (CertRole role : roles) {
                if (CertChainVerifier.trusts(role, chain, now)
                    && CertNameMatcher.matches(role, leaf)) {
                  return role;
                }
              }
              lockout.recordFailure(identity);
              throw ApiError.badRequest(UNTRUSTED);
            })
        .compose(
            role -> {
              lockout.recordSuccess(identity);
              return issuer.issue(grant(role, leaf, request), request);
            });
  }

  private Future<List<CertRole>> candidates(CertRoleRequests.Login login) {
    if (login.role() == null) {
      return store.all();
    }
    return store.get(login.role().value()).map(r -> r.map(List::of).orElse(List.of()));
  }

  private static TokenGrant grant(CertRole role, X509Certificate leaf, RequestContext request) {
    return new TokenGrant(
        request.mountPath() + "login",
        role.displayName(),
        role.tokenPolicies(),
        LeafIdentity.metadata(role.name(), leaf),
        role.tokenTtl(),
        role.tokenMaxTtl(),
        0,
        true);
  }
}
