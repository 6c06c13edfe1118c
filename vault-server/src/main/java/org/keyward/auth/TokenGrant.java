package org.keyward.auth;

import java.util.List;
import java.util.Map;

/**
 * What a successful login is granted. The token store turns it into a token and Vault's {@code
 * auth} block; login methods never make tokens themselves.
 *
 * @param authPath the login path, e.g. {@code auth/approle/login}, recorded as the token's path
 * @param ttlSeconds 0 for the system default
 * @param maxTtlSeconds 0 for no explicit maximum
 * @param numUses 0 for unlimited
 * @param entityId the identity entity of the person or machine that logged in, empty for none
 */
public record TokenGrant(
    String authPath,
    String displayName,
    List<String> policies,
    Map<String, String> metadata,
    long ttlSeconds,
    long maxTtlSeconds,
    int numUses,
    boolean renewable,
    String entityId) {
  public TokenGrant {
    policies = List.copyOf(policies);
    metadata = Map.copyOf(metadata);
    if (ttlSeconds < 0 || maxTtlSeconds < 0 || numUses < 0) {
      throw new IllegalArgumentException("negative ttl, max ttl or uses");
    }
    entityId = entityId == null ? "" : entityId;
  }

  /** A grant not yet tied to an identity entity (the login method's view). */
  public TokenGrant(
      String authPath,
      String displayName,
      List<String> policies,
      Map<String, String> metadata,
      long ttlSeconds,
      long maxTtlSeconds,
      int numUses,
      boolean renewable) {
    this(
        authPath,
        displayName,
        policies,
        metadata,
        ttlSeconds,
        maxTtlSeconds,
        numUses,
        renewable,
        "");
  }

  /** This grant for the entity {@code id}, so the token carries it into every audit record. */
  public TokenGrant withEntityId(String id) {
    return new TokenGrant(
        authPath,
        displayName,
        policies,
        metadata,
        ttlSeconds,
        maxTtlSeconds,
        numUses,
        renewable,
        id);
  }
}
