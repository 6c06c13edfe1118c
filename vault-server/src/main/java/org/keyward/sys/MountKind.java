package org.keyward.sys;

import java.util.Collection;
import org.keyward.http.ApiError;

/**
 * Which of Vault's two tables a {@link MountTable} holds: secrets engines ({@code core/mounts},
 * data under {@code logical/<uuid>/}) or auth methods ({@code core/auth}, data under {@code
 * auth/<uuid>/}, every path below {@code auth/}). Both share the routing, persistence and
 * serialization of {@link MountTable}; only where rows live and which paths are allowed differ.
 */
public enum MountKind {
  SECRETS("core/mounts", "logical/", "secrets engine"),
  AUTH("core/auth", "auth/", "auth method");

  /** The prefix every auth method path carries in the router, e.g. {@code auth/approle/}. */
  public static final String AUTH_PREFIX = "auth/";

  private final String tableKey;
  private final String dataPrefix;
  private final String noun;

  MountKind(String tableKey, String dataPrefix, String noun) {
    this.tableKey = tableKey;
    this.dataPrefix = dataPrefix;
    this.noun = noun;
  }

  /** The key of the persisted table in the system view. */
  String tableKey() {
    return tableKey;
  }

  /** The barrier prefix of a mount's own data, followed by its uuid. */
  String dataPrefix() {
    return dataPrefix;
  }

  /** What a mount of this table is called in error messages. */
  String noun() {
    return noun;
  }

  /**
   * Fails with 400 if {@code path} may not be mounted in this table: reserved prefixes, overlap
   * with {@code existing}, and for auth methods anything outside {@code auth/} or at the built-in
   * {@code auth/token/}.
   */
  void checkAvailable(String path, Collection<String> existing) {
    if (this == SECRETS) {
      MountPaths.checkAvailable(path, existing);
      return;
    }
    if (!path.startsWith(AUTH_PREFIX) || path.length() == AUTH_PREFIX.length()) {
      throw ApiError.badRequest("auth method paths lie below 'auth/'");
    }
    if (path.startsWith(AUTH_PREFIX + "token/")) {
      throw ApiError.badRequest("cannot enable an auth method at 'token/': it is reserved");
    }
    for (String other : existing) {
      if (path.startsWith(other) || other.startsWith(path)) {
        throw ApiError.badRequest(
            "path is already in use at " + other.substring(AUTH_PREFIX.length()));
      }
    }
  }
}
