package org.keyward.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The token auth method ({@code auth/token/*}) for the session's current token: look it up, renew
 * it, revoke it, and create children. Only the lookup is retried: renewal, revocation and creation
 * change state each time.
 */
public final class AsyncTokens {
  private final HttpTransport transport;

  AsyncTokens(HttpTransport transport) {
    this.transport = transport;
  }

  public CompletableFuture<TokenInfo> lookupSelf() {
    return transport
        .send(VaultCall.read("auth/token/lookup-self"))
        .thenApply(r -> TokenInfo.from(r.data()));
  }

  /** Renews the current token, by {@code increment} if given (else its own TTL). */
  public CompletableFuture<AuthInfo> renewSelf(Optional<Duration> increment) {
    return renew(increment, null);
  }

  CompletableFuture<AuthInfo> renew(Optional<Duration> increment, SecretString token) {
    var body = transport.json().createObjectNode();
    increment.ifPresent(i -> body.put("increment", i.toSeconds() + "s"));
    VaultCall call = VaultCall.write("auth/token/renew-self", body);
    return transport
        .send(token == null ? call : call.withToken(token))
        .thenApply(r -> AuthInfo.from(r.auth()));
  }

  /** Revokes the current token (and its children); later calls with it get 403. */
  public CompletableFuture<Void> revokeSelf() {
    return transport
        .send(VaultCall.write("auth/token/revoke-self", transport.json().createObjectNode()))
        .thenApply(r -> null);
  }

  /** Creates a child of the current token. */
  public CompletableFuture<AuthInfo> create(TokenCreateRequest request) {
    return transport
        .send(VaultCall.write("auth/token/create", request.toJson(transport.json())))
        .thenApply(r -> AuthInfo.from(r.auth()));
  }
}
