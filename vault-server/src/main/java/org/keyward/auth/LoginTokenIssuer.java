package org.keyward.auth;

import io.vertx.core.Future;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Issues the token for a successful login. Implemented by the token store; the answer is Vault's
 * {@code auth} block ({@code client_token}, {@code accessor}, {@code policies}, ...). In the server
 * a login MFA gate stands in front of it and may answer with {@code auth.mfa_requirement} and no
 * token instead.
 */
@FunctionalInterface
public interface LoginTokenIssuer {
  Future<VaultResponse> issue(TokenGrant grant);

  /**
   * As {@link #issue(TokenGrant)}, for the login {@code request}: the gate reads an inline {@code
   * X-Vault-MFA} header and the caller's address from it. Login methods call this one.
   */
  default Future<VaultResponse> issue(TokenGrant grant, RequestContext request) {
    return issue(grant);
  }
}
