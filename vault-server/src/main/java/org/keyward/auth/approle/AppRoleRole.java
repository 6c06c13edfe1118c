package org.keyward.auth.approle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.http.ApiError;

/**
 * One AppRole role as stored: its public role id, the token it grants and the rules for its secret
 * ids. Immutable; {@link #apply} makes the updated copy a {@code POST role/:name} asks for.
 *
 * @param name lower case, as Vault keeps role names
 * @param secretIdTtl seconds, 0 for secret ids that never expire
 * @param secretIdNumUses uses per secret id, 0 for unlimited
 */
public record AppRoleRole(
    String name,
    String roleId,
    List<String> tokenPolicies,
    long tokenTtl,
    long tokenMaxTtl,
    int tokenNumUses,
    long secretIdTtl,
    int secretIdNumUses,
    boolean bindSecretId) {

  public AppRoleRole {
    tokenPolicies = List.copyOf(tokenPolicies);
    if (tokenTtl < 0 || tokenMaxTtl < 0 || tokenNumUses < 0) {
      throw new IllegalArgumentException("negative token setting");
    }
    if (secretIdTtl < 0 || secretIdNumUses < 0) {
      throw new IllegalArgumentException("negative secret id setting");
    }
  }

  /** A new role with Vault's defaults (secret ids required, no TTLs) updated by {@code s}. */
  static AppRoleRole create(String name, String roleId, RoleSettings s) {
    return new AppRoleRole(name, roleId, List.of(), 0, 0, 0, 0, 0, true).apply(s);
  }

  /** This role with every field {@code s} carries replaced, the others kept. */
  AppRoleRole apply(RoleSettings s) {
    AppRoleRole r =
        new AppRoleRole(
            name,
            roleId,
            s.tokenPolicies() != null ? s.tokenPolicies() : tokenPolicies,
            s.tokenTtl() != null ? s.tokenTtl() : tokenTtl,
            s.tokenMaxTtl() != null ? s.tokenMaxTtl() : tokenMaxTtl,
            s.tokenNumUses() != null ? s.tokenNumUses() : tokenNumUses,
            s.secretIdTtl() != null ? s.secretIdTtl() : secretIdTtl,
            s.secretIdNumUses() != null ? s.secretIdNumUses() : secretIdNumUses,
            s.bindSecretId() != null ? s.bindSecretId() : bindSecretId);
    r.checkConsistent();
    return r;
  }

  AppRoleRole withRoleId(String newRoleId) {
    return new AppRoleRole(
        name,
        newRoleId,
        tokenPolicies,
        tokenTtl,
        tokenMaxTtl,
        tokenNumUses,
        secretIdTtl,
        secretIdNumUses,
        bindSecretId);
  }

  private void checkConsistent() {
    // Without CIDR bindings (not supported) the secret id is the only constraint: a role without
    // it would let anyone who learns the role id log in. Vault refuses such a role too.
    if (!bindSecretId) {
      throw ApiError.badRequest(
          "at least one constraint should be enabled on the role (bind_secret_id)");
    }
    if (tokenMaxTtl > 0 && tokenTtl > tokenMaxTtl) {
      throw ApiError.badRequest("\"token_ttl\" value must be less than \"token_max_ttl\" value");
    }
  }

  /** The stored form; holds the role id, which is an identifier, not a secret. */
  JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("role_id", roleId)
        .put("token_policies", new JsonArray(tokenPolicies))
        .put("token_ttl", tokenTtl)
        .put("token_max_ttl", tokenMaxTtl)
        .put("token_num_uses", tokenNumUses)
        .put("secret_id_ttl", secretIdTtl)
        .put("secret_id_num_uses", secretIdNumUses)
        .put("bind_secret_id", bindSecretId);
  }

  static AppRoleRole fromJson(JsonObject j) {
    return new AppRoleRole(
        j.getString("name"),
        j.getString("role_id"),
        j.getJsonArray("token_policies").getList(),
        j.getLong("token_ttl"),
        j.getLong("token_max_ttl"),
        j.getInteger("token_num_uses"),
        j.getLong("secret_id_ttl"),
        j.getInteger("secret_id_num_uses"),
        j.getBoolean("bind_secret_id"));
  }

  /** The {@code GET role/:name} answer, Vault's field names (no role id: it has its own path). */
  JsonObject toPublicJson() {
    return new JsonObject()
        .put("bind_secret_id", bindSecretId)
        .put("secret_id_bound_cidrs", new JsonArray())
        .put("secret_id_num_uses", secretIdNumUses)
        .put("secret_id_ttl", secretIdTtl)
        .put("local_secret_ids", false)
        .put("token_policies", new JsonArray(tokenPolicies))
        .put("policies", new JsonArray(tokenPolicies))
        .put("token_ttl", tokenTtl)
        .put("token_max_ttl", tokenMaxTtl)
        .put("token_num_uses", tokenNumUses)
        .put("token_bound_cidrs", new JsonArray())
        .put("token_type", "default");
  }
}
