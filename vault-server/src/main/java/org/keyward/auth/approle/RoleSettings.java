package org.keyward.auth.approle;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A validated {@code POST role/:role_name} body. Each field is null when the body left it out, so
 * an update changes only what it names, as in Vault. CIDR bindings are refused: nothing here
 * enforces them, and accepting them silently would promise a restriction that does not exist.
 */
record RoleSettings(
    RoleName role,
    List<String> tokenPolicies,
    Long tokenTtl,
    Long tokenMaxTtl,
    Integer tokenNumUses,
    Long secretIdTtl,
    Integer secretIdNumUses,
    Boolean bindSecretId) {

  static RoleSettings from(RequestContext request) {
    JsonObject b = request.body();
    RoleName role = RoleName.from(request);
    refuseCidrs(b, "secret_id_bound_cidrs");
    refuseCidrs(b, "token_bound_cidrs");
    List<String> policies = null;
    if (b.containsKey("token_policies")) {
      policies = Fields.stringList(b, "token_policies");
    } else if (b.containsKey("policies")) {
      policies = Fields.stringList(b, "policies");
    }
    if (policies != null) {
      policies = policies.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
    }
    return new RoleSettings(
        role,
        policies,
        duration(b, "token_ttl"),
        duration(b, "token_max_ttl"),
        count(b, "token_num_uses"),
        duration(b, "secret_id_ttl"),
        count(b, "secret_id_num_uses"),
        b.containsKey("bind_secret_id") ? Fields.bool(b, "bind_secret_id", true) : null);
  }

  private static Long duration(JsonObject b, String name) {
    return b.containsKey(name) ? Fields.durationSeconds(b, name, 0) : null;
  }

  private static Integer count(JsonObject b, String name) {
    if (!b.containsKey(name)) {
      return null;
    }
    long n = Fields.integer(b, name, 0);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw ApiError.badRequest("field '" + name + "' must be a non-negative integer");
    }
    return (int) n;
  }

  private static void refuseCidrs(JsonObject b, String name) {
    if (!Fields.stringList(b, name).isEmpty()) {
      throw ApiError.badRequest("field '" + name + "' is not supported by this server");
    }
  }
}
