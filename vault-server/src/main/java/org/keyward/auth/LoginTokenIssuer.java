package org.keyward.auth;

import io.vertx.core.Future;
import org.keyward.http.VaultResponse;

/**
 * Issues the token for a successful login. Implemented by the token store; the answer is Vault's
 * {@code auth} block ({@code client_token}, {@code accessor}, {@code policies}, ...).
 */
@FunctionalInterface
public interface LoginTokenIssuer {
  Future<VaultResponse> issue(TokenGrant grant);
}
