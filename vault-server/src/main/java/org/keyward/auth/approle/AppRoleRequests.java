package org.keyward.auth.approle;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/** The validated request records of the AppRole paths other than role writes. Shape only. */
final class AppRoleRequests {
  private static final Pattern ACCESSOR = Pattern.compile("[0-9a-f-]{36}");
  private static final int MAX_ID_LENGTH = 256;

  private AppRoleRequests() {}

  /** {@code POST role/:role_name/secret-id}; null ttl or uses mean the role's. */
  record CreateSecretId(RoleName role, Long ttlSeconds, Integer numUses, Map<String, String> meta) {
    static CreateSecretId from(RequestContext request) {
      JsonObject b = request.body();
      if (!Fields.stringList(b, "cidr_list").isEmpty()
          || !Fields.stringList(b, "token_bound_cidrs").isEmpty()) {
        throw ApiError.badRequest("CIDR bindings are not supported by this server");
      }
      Long ttl = b.containsKey("ttl") ? Fields.durationSeconds(b, "ttl", 0) : null;
      Integer uses = null;
      if (b.containsKey("num_uses")) {
        long n = Fields.integer(b, "num_uses", 0);
        if (n < 0 || n > Integer.MAX_VALUE) {
          throw ApiError.badRequest("field 'num_uses' must be a non-negative integer");
        }
        uses = (int) n;
      }
      return new CreateSecretId(RoleName.from(request), ttl, uses, metadata(b));
    }

    /**
     * Vault takes {@code metadata} as a JSON string of string values; an object is accepted too.
     */
    private static Map<String, String> metadata(JsonObject b) {
      Object raw = b.getValue("metadata");
      if (raw == null || (raw instanceof String s && s.isBlank())) {
        return Map.of();
      }
      JsonObject parsed;
      try {
        parsed = raw instanceof JsonObject o ? o : new JsonObject((String) raw);
      } catch (DecodeException | ClassCastException e) {
        throw ApiError.badRequest("field 'metadata' must be a JSON object of strings");
      }
      Map<String, String> out = new HashMap<>();
      for (Map.Entry<String, Object> e : parsed) {
        if (!(e.getValue() instanceof String v)) {
          throw ApiError.badRequest("field 'metadata' must be a JSON object of strings");
        }
        out.put(e.getKey(), v);
      }
      return out;
    }
  }

  /** A secret id named in the body, for lookup and destroy. Never printed. */
  record SecretIdRef(RoleName role, String secretId) {
    static SecretIdRef from(RequestContext request) {
      return new SecretIdRef(RoleName.from(request), id(request.body(), "secret_id"));
    }

    @Override
    public String toString() {
      return "SecretIdRef[" + role.value() + ", REDACTED]";
    }
  }

  record AccessorRef(RoleName role, String accessor) {
    static AccessorRef from(RequestContext request) {
      String accessor = Fields.requiredString(request.body(), "secret_id_accessor");
      if (!ACCESSOR.matcher(accessor).matches()) {
        throw ApiError.badRequest("field 'secret_id_accessor' is not a secret id accessor");
      }
      return new AccessorRef(RoleName.from(request), accessor);
    }
  }

  record SetRoleId(RoleName role, String roleId) {
    static SetRoleId from(RequestContext request) {
      return new SetRoleId(RoleName.from(request), id(request.body(), "role_id"));
    }
  }

  /** {@code POST login}; the secret id may be empty for roles with {@code bind_secret_id=false}. */
  record Login(String roleId, String secretId) {
    static Login from(RequestContext request) {
      JsonObject b = request.body();
      String secret = Fields.string(b, "secret_id", "");
      if (secret.length() > MAX_ID_LENGTH) {
        throw ApiError.badRequest("field 'secret_id' is too long");
      }
      return new Login(id(b, "role_id"), secret);
    }

    @Override
    public String toString() {
      return "Login[REDACTED]";
    }
  }

  private static String id(JsonObject body, String field) {
    String value = Fields.requiredString(body, field);
    if (value.length() > MAX_ID_LENGTH) {
      throw ApiError.badRequest("field '" + field + "' is too long");
    }
    return value;
  }
}
