package org.keyward.auth.approle;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What is stored for one secret id, under the keyed hash of the secret id (the secret itself is
 * never stored). Immutable.
 *
 * @param expiresAt null for a secret id without TTL
 * @param remainingUses 0 for unlimited
 */
record SecretIdEntry(
    String accessor,
    Instant createdAt,
    Instant expiresAt,
    Instant updatedAt,
    long ttlSeconds,
    int remainingUses,
    Map<String, String> metadata) {

  SecretIdEntry {
    metadata = Map.copyOf(metadata);
  }

  boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  SecretIdEntry usedOnceAt(Instant now) {
    return new SecretIdEntry(
        accessor, createdAt, expiresAt, now, ttlSeconds, remainingUses - 1, metadata);
  }

  byte[] toBytes() {
    return new JsonObject()
        .put("accessor", accessor)
        .put("created_at", createdAt.toString())
        .put("expires_at", expiresAt == null ? null : expiresAt.toString())
        .put("updated_at", updatedAt.toString())
        .put("ttl", ttlSeconds)
        .put("remaining_uses", remainingUses)
        .put("metadata", new JsonObject(Map.copyOf(metadata)))
        .toBuffer()
        .getBytes();
  }

  static SecretIdEntry fromBytes(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    String expires = j.getString("expires_at");
    Map<String, String> meta = new HashMap<>();
    j.getJsonObject("metadata").forEach(e -> meta.put(e.getKey(), String.valueOf(e.getValue())));
    return new SecretIdEntry(
        j.getString("accessor"),
        Instant.parse(j.getString("created_at")),
        expires == null ? null : Instant.parse(expires),
        Instant.parse(j.getString("updated_at")),
        j.getLong("ttl"),
        j.getInteger("remaining_uses"),
        meta);
  }

  /** The {@code secret-id/lookup} answer, Vault's field names. */
  JsonObject toPublicJson() {
    return new JsonObject()
        .put("secret_id_accessor", accessor)
        .put("creation_time", createdAt.toString())
        .put("expiration_time", expiresAt == null ? "0001-01-01T00:00:00Z" : expiresAt.toString())
        .put("last_updated_time", updatedAt.toString())
        .put("secret_id_ttl", ttlSeconds)
        .put("secret_id_num_uses", remainingUses)
        .put("metadata", new JsonObject(Map.copyOf(metadata)))
        .put("cidr_list", new JsonArray())
        .put("token_bound_cidrs", new JsonArray());
  }
}
