package org.keyward.auth.userpass;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One userpass user as stored through the barrier: the Argon2id hash of the password, never the
 * password, and the token settings a login grants.
 *
 * @param tokenTtl seconds, 0 for the mount's or system default
 * @param tokenMaxTtl seconds, 0 for none
 * @param boundCidrs where a login may come from; empty for anywhere
 */
record UserEntry(
    String name,
    Argon2idPasswordHash password,
    List<String> tokenPolicies,
    long tokenTtl,
    long tokenMaxTtl,
    List<String> boundCidrs) {

  UserEntry {
    tokenPolicies = List.copyOf(tokenPolicies);
    boundCidrs = List.copyOf(boundCidrs);
  }

  UserEntry withPassword(Argon2idPasswordHash hash) {
    return new UserEntry(name, hash, tokenPolicies, tokenTtl, tokenMaxTtl, boundCidrs);
  }

  /** Whether a login from {@code remoteAddress} is allowed by {@code token_bound_cidrs}. */
  boolean allowsAddress(String remoteAddress) {
    return boundCidrs.isEmpty()
        || boundCidrs.stream().anyMatch(c -> CidrBlock.parse(c).contains(remoteAddress));
  }

  /** What a read shows: Vault's token fields, never the hash. */
  JsonObject publicData() {
    return new JsonObject()
        .put("token_policies", new JsonArray(new ArrayList<>(tokenPolicies)))
        .put("policies", new JsonArray(new ArrayList<>(tokenPolicies)))
        .put("token_ttl", tokenTtl)
        .put("token_max_ttl", tokenMaxTtl)
        .put("token_bound_cidrs", new JsonArray(new ArrayList<>(boundCidrs)))
        .put("token_type", "default")
        .put("token_num_uses", 0)
        .put("token_period", 0)
        .put("token_explicit_max_ttl", 0)
        .put("token_no_default_policy", false);
  }

  byte[] toBytes() {
    return new JsonObject()
        .put("name", name)
        .put("password_hash", password.encoded())
        .put("token_policies", new JsonArray(new ArrayList<>(tokenPolicies)))
        .put("token_ttl", tokenTtl)
        .put("token_max_ttl", tokenMaxTtl)
        .put("token_bound_cidrs", new JsonArray(new ArrayList<>(boundCidrs)))
        .toBuffer()
        .getBytes();
  }

  static UserEntry fromBytes(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    return new UserEntry(
        j.getString("name"),
        Argon2idPasswordHash.parse(j.getString("password_hash")),
        strings(j.getJsonArray("token_policies")),
        j.getLong("token_ttl", 0L),
        j.getLong("token_max_ttl", 0L),
        strings(j.getJsonArray("token_bound_cidrs")));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(v -> out.add((String) v));
    }
    return out;
  }

  @Override
  public String toString() {
    return "UserEntry[" + name + ", policies=" + tokenPolicies + "]";
  }
}
