package org.keyward.client;

import java.time.Duration;
import java.util.Optional;

/** Blocking token operations; see {@link AsyncTokens}. */
public final class Tokens {
  private final AsyncTokens async;

  Tokens(AsyncTokens async) {
    this.async = async;
  }

  public TokenInfo lookupSelf() {
    return Blocking.await(async.lookupSelf());
  }

  public AuthInfo renewSelf() {
    return Blocking.await(async.renewSelf(Optional.empty()));
  }

  public AuthInfo renewSelf(Duration increment) {
    return Blocking.await(async.renewSelf(Optional.of(increment)));
  }

  public void revokeSelf() {
    Blocking.await(async.revokeSelf());
  }

  public AuthInfo create(TokenCreateRequest request) {
    return Blocking.await(async.create(request));
  }
}
