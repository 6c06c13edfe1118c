package org.keyward.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;

/** Vault's JSON for tokens: the {@code data} of a lookup and the {@code auth} block. */
final class TokenResponses {
  private TokenResponses() {}

  /**
   * Lookup {@code data}; {@code id} is the token when the caller presented it, empty for a lookup
   * by accessor.
   */
  static JsonObject lookupData(TokenEntry e, String id, long now) {
    return new JsonObject()
        .put("accessor", e.accessor())
        .put("creation_time", e.creationTime())
        .put("creation_ttl", e.creationTtl())
        .put("display_name", e.displayName())
        .put("entity_id", e.entityId())
        .put(
            "expire_time",
            e.expireTime() == 0 ? null : Instant.ofEpochSecond(e.expireTime()).toString())
        .put("explicit_max_ttl", e.explicitMaxTtl())
        .put("id", id)
        .put("issue_time", Instant.ofEpochSecond(e.creationTime()).toString())
        .put("meta", e.meta().isEmpty() ? null : new JsonObject(new LinkedHashMap<>(e.meta())))
        .put("num_uses", e.numUses())
        .put("orphan", e.orphan())
        .put("path", e.path())
        .put("policies", new JsonArray(e.policies()))
        .put("renewable", e.renewable())
        .put("ttl", e.ttlAt(now))
        .put("type", e.type());
  }

  /** The {@code auth} block Spring Vault, Terraform and the CLI read after create and renew. */
  static JsonObject auth(TokenEntry e, String clientToken, long now) {
    return new JsonObject()
        .put("client_token", clientToken)
        .put("accessor", e.accessor())
        .put("policies", new JsonArray(e.policies()))
        .put("token_policies", new JsonArray(e.policies()))
        .put("identity_policies", null)
        .put("metadata", e.meta().isEmpty() ? null : new JsonObject(new LinkedHashMap<>(e.meta())))
        .put("lease_duration", e.ttlAt(now))
        .put("renewable", e.renewable())
        .put("entity_id", e.entityId())
        .put("token_type", e.type())
        .put("orphan", e.orphan())
        .put("mfa_requirement", null)
        .put("num_uses", e.numUses());
  }
}
