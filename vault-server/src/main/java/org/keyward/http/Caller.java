package org.keyward.http;

import java.util.Map;
import java.util.Set;

/**
 * Who sent a request, as the authenticator resolved it. Holds the token's accessor, never the token
 * itself, so it can be logged and audited.
 *
 * @param accessor the token accessor, empty for unauthenticated requests
 * @param policies the policy names in force (canonical, lower case)
 * @param authPath the login path that made the token, e.g. {@code auth/token/root}
 */
public record Caller(
    String accessor,
    Set<String> policies,
    String displayName,
    String authPath,
    String entityId,
    Map<String, String> metadata) {

  public static final Caller ANONYMOUS = new Caller("", Set.of(), "", "", "", Map.of());

  public Caller {
    policies = Set.copyOf(policies);
    metadata = Map.copyOf(metadata);
  }

  public boolean isRoot() {
    return policies.contains("root");
  }

  public boolean isAnonymous() {
    return accessor.isEmpty();
  }
}
