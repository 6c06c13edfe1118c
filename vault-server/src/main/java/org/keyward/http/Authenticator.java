package org.keyward.http;

import io.vertx.core.Future;

/**
 * Resolves a client token to a {@link Caller}. Fails with {@link ApiError#permissionDenied()} for
 * an unknown, expired or revoked token. Runs on the event loop: answer from memory where possible.
 */
@FunctionalInterface
public interface Authenticator {
  Future<Caller> authenticate(ClientToken token, RequestContext request);
}
