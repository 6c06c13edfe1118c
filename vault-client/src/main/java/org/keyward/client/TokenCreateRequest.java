package org.keyward.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A child token to create ({@code auth/token/create}): policies, TTL, explicit max TTL, whether
 * renewable, display name and use limit. Unset durations take the server's defaults.
 */
public record TokenCreateRequest(
    List<String> policies,
    Optional<Duration> ttl,
    Optional<Duration> explicitMaxTtl,
    boolean renewable,
    String displayName,
    long numUses) {
  public TokenCreateRequest {
    policies = List.copyOf(policies);
  }

  /** A renewable token with {@code policies} and the server's default TTL. */
  public static TokenCreateRequest withPolicies(String... policies) {
    return new TokenCreateRequest(
        List.of(policies), Optional.empty(), Optional.empty(), true, "", 0);
  }

  public TokenCreateRequest ttl(Duration ttl) {
    return new TokenCreateRequest(
        policies, Optional.of(ttl), explicitMaxTtl, renewable, displayName, numUses);
  }

  public TokenCreateRequest explicitMaxTtl(Duration max) {
    return new TokenCreateRequest(policies, ttl, Optional.of(max), renewable, displayName, numUses);
  }

  public TokenCreateRequest renewable(boolean renewable) {
    return new TokenCreateRequest(policies, ttl, explicitMaxTtl, renewable, displayName, numUses);
  }

  public TokenCreateRequest displayName(String name) {
    return new TokenCreateRequest(policies, ttl, explicitMaxTtl, renewable, name, numUses);
  }

  ObjectNode toJson(ObjectMapper json) {
    ObjectNode body = json.createObjectNode();
    body.putPOJO("policies", policies);
    ttl.ifPresent(t -> body.put("ttl", t.toSeconds() + "s"));
    explicitMaxTtl.ifPresent(t -> body.put("explicit_max_ttl", t.toSeconds() + "s"));
    body.put("renewable", renewable);
    if (!displayName.isEmpty()) {
      body.put("display_name", displayName);
    }
    if (numUses > 0) {
      body.put("num_uses", numUses);
    }
    return body;
  }
}
