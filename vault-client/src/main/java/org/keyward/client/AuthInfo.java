package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code auth} block of a login, token create or renew: the token (redacted in {@code
 * toString()}), its accessor, policies, lease and whether it may be renewed. A lease of zero means
 * the token does not expire (root).
 */
public record AuthInfo(
    SecretString token,
    String accessor,
    List<String> policies,
    Duration leaseDuration,
    boolean renewable) {
  public AuthInfo {
    policies = List.copyOf(policies);
  }

  static AuthInfo from(JsonNode auth) {
    if (!auth.hasNonNull("client_token")) {
      throw new IllegalStateException("answer has no auth.client_token");
    }
    List<String> policies = new ArrayList<>();
    auth.path("policies").forEach(p -> policies.add(p.asText()));
    return new AuthInfo(
        SecretString.of(auth.get("client_token").asText()),
        auth.path("accessor").asText(""),
        policies,
        Duration.ofSeconds(auth.path("lease_duration").asLong(0)),
        auth.path("renewable").asBoolean(false));
  }
}
