package org.keyward.auth;

import io.vertx.core.Future;
import java.util.function.Function;
import org.keyward.http.VaultResponse;

/**
 * Issues login tokens from the {@link TokenStore}: each grant becomes a stored orphan token (see
 * {@link LoginTokens}) that authenticates, renews and revokes like any other, and the login answers
 * with Vault's {@code auth} block. The token leaves only in that block.
 */
public final class TokenStoreLoginIssuer implements LoginTokenIssuer {
  /**
   * The TTLs an auth mount is tuned to, in seconds, 0 for the system default: a role without a TTL
   * gets the mount's default, and no login token outlives the mount's maximum.
   */
  public record MountTtls(long defaultTtl, long maxTtl) {
    public static final MountTtls NONE = new MountTtls(0, 0);
  }

  private final TokenStore store;
  private final Function<String, MountTtls> mountTtls;

  public TokenStoreLoginIssuer(TokenStore store) {
    this(store, path -> MountTtls.NONE);
  }

  /**
   * @param mountTtls the TTLs of the mount serving a login path, read at each login
   */
  public TokenStoreLoginIssuer(TokenStore store, Function<String, MountTtls> mountTtls) {
    this.store = store;
    this.mountTtls = mountTtls;
  }

  @Override
  public Future<VaultResponse> issue(TokenGrant grant) {
    return store
        .createForLogin(
            LoginTokens.withMountTtls(grant, mountTtls.apply(grant.authPath())),
            LoginTokens.displayName(grant))
        .map(
            issued ->
                VaultResponse.auth(
                    TokenResponses.auth(issued.entry(), issued.token(), store.now())));
  }
}
