package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code auth/token/lookup-self} tells about a token: accessor, policies, remaining TTL (zero
 * for a token that never expires), whether renewable, display name. Holds no token id.
 */
public record TokenInfo(
    String accessor,
    List<String> policies,
    Duration ttl,
    boolean renewable,
    String displayName,
    Optional<String> expireTime) {
  public TokenInfo {
    policies = List.copyOf(policies);
  }

  static TokenInfo from(JsonNode data) {
    List<String> policies = new ArrayList<>();
    data.path("policies").forEach(p -> policies.add(p.asText()));
    JsonNode expire = data.path("expire_time");
    return new TokenInfo(
        data.path("accessor").asText(""),
        policies,
        Duration.ofSeconds(data.path("ttl").asLong(0)),
        data.path("renewable").asBoolean(false),
        data.path("display_name").asText(""),
        expire.isTextual() ? Optional.of(expire.asText()) : Optional.empty());
  }
}
