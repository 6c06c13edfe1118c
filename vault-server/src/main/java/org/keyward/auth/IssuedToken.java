package org.keyward.auth;

import java.util.Objects;

/**
 * A token just created: the plain value, returned to the client once, and its stored entry. The
 * value never appears in {@link #toString()}.
 */
public record IssuedToken(String token, TokenEntry entry) {
  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(entry, "entry");
  }

  @Override
  public String toString() {
    return "IssuedToken[REDACTED, accessor=" + entry.accessor() + "]";
  }
}
