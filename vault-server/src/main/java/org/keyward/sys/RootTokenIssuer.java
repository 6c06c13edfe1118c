package org.keyward.sys;

import io.vertx.core.Future;

/**
 * Makes root tokens for {@code sys/init} and dev mode. The token store implements it; the plain
 * token is returned once and stored only as a keyed hash.
 */
public interface RootTokenIssuer {
  /** A new random root token. */
  Future<String> issueRootToken();

  /** A root token with the given id (dev mode's {@code -dev-root-token-id}). */
  Future<String> issueRootToken(String id);
}
