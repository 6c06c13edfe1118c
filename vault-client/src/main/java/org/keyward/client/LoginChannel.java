package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link LoginMethod} may do: post to a login path without a token, or look a given token
 * up. Logins are not retried: each success makes a new token.
 */
public final class LoginChannel {
  private final HttpTransport transport;

  LoginChannel(HttpTransport transport) {
    this.transport = transport;
  }

  /** POST {@code body} to {@code path} without a token; the answer's {@code auth} block. */
  public CompletableFuture<AuthInfo> post(String path, Map<String, ?> body) {
    return transport
        .send(
            VaultCall.write(AsyncLogical.strip(path), transport.json().valueToTree(body))
                .withoutToken())
        .thenApply(r -> AuthInfo.from(r.auth()));
  }

  /**
   * As {@link #post}, but the raw {@code auth} block, for a login that may answer Vault's {@code
   * mfa_requirement} instead of a token.
   */
  CompletableFuture<JsonNode> postForAuth(String path, Map<String, ?> body) {
    return transport
        .send(
            VaultCall.write(AsyncLogical.strip(path), transport.json().valueToTree(body))
                .withoutToken())
        .thenApply(VaultReply::auth);
  }

  /** {@code auth/token/lookup-self} with {@code token}: its TTL, policies, renewability. */
  public CompletableFuture<TokenInfo> lookup(SecretString token) {
    return transport
        .send(VaultCall.read("auth/token/lookup-self").withToken(token))
        .thenApply(r -> TokenInfo.from(r.data()));
  }
}
