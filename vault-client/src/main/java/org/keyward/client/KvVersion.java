package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The metadata of one version of a KV v2 secret, as written or read: number, creation time,
 * deletion time (empty unless soft-deleted) and whether it was destroyed.
 */
public record KvVersion(
    long version, String createdTime, Optional<String> deletionTime, boolean destroyed) {
  static KvVersion from(JsonNode m) {
    String deletion = m.path("deletion_time").asText("");
    return new KvVersion(
        m.path("version").asLong(0),
        m.path("created_time").asText(""),
        deletion.isEmpty() ? Optional.empty() : Optional.of(deletion),
        m.path("destroyed").asBoolean(false));
  }

  public boolean deleted() {
    return deletionTime.isPresent();
  }
}
