package org.keyward.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the token store keeps about one token: everything but the token itself, which exists only as
 * its keyed hash (the storage key). Times are epoch seconds; {@code expireTime} 0 means the token
 * never expires (root tokens).
 *
 * @param hash the HMAC-SHA256 of the token (hex), its storage key; not a secret by itself
 * @param creationTtl the TTL in seconds the token was created with, 0 for none
 * @param numUses uses left, 0 for unlimited
 * @param parentAccessor the accessor of the token that created it, empty for orphans
 * @param entityId the identity entity the token acts for, empty for none (root, plain tokens)
 */
public record TokenEntry(
    String hash,
    String accessor,
    List<String> policies,
    String displayName,
    String path,
    Map<String, String> meta,
    long creationTime,
    long creationTtl,
    long expireTime,
    long explicitMaxTtl,
    long numUses,
    boolean renewable,
    boolean orphan,
    String parentAccessor,
    String type,
    String entityId) {

  public TokenEntry {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(accessor, "accessor");
    policies = List.copyOf(policies);
    meta = Map.copyOf(meta);
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(parentAccessor, "parentAccessor");
    Objects.requireNonNull(type, "type");
    entityId = entityId == null ? "" : entityId;
    if (creationTtl < 0 || expireTime < 0 || explicitMaxTtl < 0 || numUses < 0) {
      throw new IllegalArgumentException("negative TTL, expiry or use count");
    }
  }

  /** A root token: policy {@code root}, no expiry, no parent. */
  public static TokenEntry root(String hash, String accessor, long now) {
    return new TokenEntry(
        hash,
        accessor,
        List.of("root"),
        "root",
        "auth/token/root",
        Map.of(),
        now,
        0,
        0,
        0,
        0,
        false,
        true,
        "",
        "service",
        "");
  }

  public boolean isRoot() {
    return policies.contains("root");
  }

  /** True once {@code now} (epoch seconds) has reached the expiry. */
  public boolean expiredAt(long now) {
    return expireTime != 0 && now >= expireTime;
  }

  /** Seconds left, 0 for a token that never expires (as Vault reports root tokens). */
  public long ttlAt(long now) {
    return expireTime == 0 ? 0 : Math.max(0, expireTime - now);
  }

  public TokenEntry withExpireTime(long newExpireTime) {
    return new TokenEntry(
        hash,
        accessor,
        policies,
        displayName,
        path,
        meta,
        creationTime,
        creationTtl,
        newExpireTime,
        explicitMaxTtl,
        numUses,
        renewable,
        orphan,
        parentAccessor,
        type,
        entityId);
  }

  public TokenEntry withNumUses(long remaining) {
    return new TokenEntry(
        hash,
        accessor,
        policies,
        displayName,
        path,
        meta,
        creationTime,
        creationTtl,
        expireTime,
        explicitMaxTtl,
        remaining,
        renewable,
        orphan,
        parentAccessor,
        type,
        entityId);
  }

  /** The stored form (JSON). Holds no token. */
  public byte[] toBytes() {
    JsonObject meta = new JsonObject(new LinkedHashMap<>(this.meta));
    return new JsonObject()
        .put("hash", hash)
        .put("accessor", accessor)
        .put("policies", new JsonArray(new ArrayList<>(policies)))
        .put("display_name", displayName)
        .put("path", path)
        .put("meta", meta)
        .put("creation_time", creationTime)
        .put("ttl", creationTtl)
        .put("expire_time", expireTime)
        .put("explicit_max_ttl", explicitMaxTtl)
        .put("num_uses", numUses)
        .put("renewable", renewable)
        .put("orphan", orphan)
        .put("parent_accessor", parentAccessor)
        .put("type", type)
        .put("entity_id", entityId)
        .toBuffer()
        .getBytes();
  }

  /** Parses {@link #toBytes()}; a corrupt row fails with IllegalArgumentException. */
  public static TokenEntry fromBytes(byte[] bytes) {
    try {
      JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      List<String> policies = new ArrayList<>();
      for (Object p : j.getJsonArray("policies", new JsonArray())) {
        policies.add((String) p);
      }
      Map<String, String> meta = new LinkedHashMap<>();
      j.getJsonObject("meta", new JsonObject())
          .forEach(e -> meta.put(e.getKey(), (String) e.getValue()));
      return new TokenEntry(
          j.getString("hash"),
          j.getString("accessor"),
          policies,
          j.getString("display_name", ""),
          j.getString("path", ""),
          meta,
          j.getLong("creation_time", 0L),
          j.getLong("ttl", 0L),
          j.getLong("expire_time", 0L),
          j.getLong("explicit_max_ttl", 0L),
          j.getLong("num_uses", 0L),
          j.getBoolean("renewable", false),
          j.getBoolean("orphan", false),
          j.getString("parent_accessor", ""),
          j.getString("type", "service"),
          j.getString("entity_id", ""));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("corrupt token entry", e);
    }
  }
}
