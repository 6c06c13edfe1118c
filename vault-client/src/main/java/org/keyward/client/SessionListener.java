package org.keyward.client;

/**
 * Told what a {@link TokenSession} did in the background, for metrics and tests. Called on the HTTP
 * client's completion threads; must return quickly. The {@link AuthInfo} holds the token redacted.
 */
public interface SessionListener {
  /** A token was obtained by logging in (the first time or again). */
  default void loggedIn(AuthInfo auth) {}

  /** The current token was renewed. */
  default void renewed(AuthInfo auth) {}

  /**
   * A renewal or login failed; the session will try again at a third of the time the token has
   * left, and every 30 seconds once it has expired.
   */
  default void failed(VaultException error) {}
}
