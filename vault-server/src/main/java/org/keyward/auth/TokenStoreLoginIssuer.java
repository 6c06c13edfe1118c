package org.keyward.auth;

import io.vertx.core.Future;
import org.keyward.http.VaultResponse;

/**
 * Issues login tokens from the {@link TokenStore}: each grant becomes a stored orphan token (see
 * {@link LoginTokens}) that authenticates, renews and revokes like any other, and the login answers
 * with Vault's {@code auth} block. The token leaves only in that block.
 */
public final class TokenStoreLoginIssuer implements LoginTokenIssuer {
  private final TokenStore store;

  public TokenStoreLoginIssuer(TokenStore store) {
    this.store = store;
  }

  @Override
  public Future<VaultResponse> issue(TokenGrant grant) {
    return store
        .createForLogin(grant, LoginTokens.displayName(grant))
        .map(
            issued ->
                VaultResponse.auth(
                    TokenResponses.auth(issued.entry(), issued.token(), store.now())));
  }
}
