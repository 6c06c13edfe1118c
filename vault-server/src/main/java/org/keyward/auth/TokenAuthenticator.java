package org.keyward.auth;

import io.vertx.core.Future;
import java.util.LinkedHashSet;
import org.keyward.http.Authenticator;
import org.keyward.http.Caller;
import org.keyward.http.ClientToken;
import org.keyward.http.RequestContext;

/**
 * Resolves {@code X-Vault-Token} / {@code Bearer} tokens through the {@link TokenStore}: a known
 * token is answered from memory, a limited-use token is counted down. Fails with {@code
 * ApiError.permissionDenied()} for a malformed, unknown, expired or revoked token. The {@link
 * Caller} carries the accessor, never the token.
 */
public final class TokenAuthenticator implements Authenticator {
  private final TokenStore store;

  public TokenAuthenticator(TokenStore store) {
    this.store = store;
  }

  @Override
  public Future<Caller> authenticate(ClientToken token, RequestContext request) {
    return store.authenticate(token).map(TokenAuthenticator::callerOf);
  }

  static Caller callerOf(TokenEntry entry) {
    return new Caller(
        entry.accessor(),
        new LinkedHashSet<>(entry.policies()),
        entry.displayName(),
        entry.path(),
        entry.entityId(),
        entry.meta());
  }
}
