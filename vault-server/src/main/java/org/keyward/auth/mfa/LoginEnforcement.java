package org.keyward.auth.mfa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;

/**
 * A login MFA enforcement ({@code identity/mfa/login-enforcement/:name}): the methods a login must
 * pass, and which logins it covers: those through a listed auth mount (by accessor), of a listed
 * auth method type, or of a listed entity. It needs at least one method and at least one target, as
 * in Vault. Group targets are not supported (Keyward has no groups).
 */
record LoginEnforcement(
    String name,
    String id,
    List<String> methodIds,
    List<String> authMethodAccessors,
    List<String> authMethodTypes,
    List<String> entityIds) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  LoginEnforcement {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiError.badRequest(
          "invalid enforcement name: use 1-128 letters, digits, '_', '.', '-'");
    }
    methodIds = List.copyOf(methodIds);
    authMethodAccessors = List.copyOf(authMethodAccessors);
    authMethodTypes = List.copyOf(authMethodTypes);
    entityIds = List.copyOf(entityIds);
    if (methodIds.isEmpty()) {
      throw ApiError.badRequest("missing required field 'mfa_method_ids'");
    }
    if (authMethodAccessors.isEmpty() && authMethodTypes.isEmpty() && entityIds.isEmpty()) {
      throw ApiError.badRequest(
          "one of auth_method_accessors, auth_method_types or identity_entity_ids must be set");
    }
  }

  static LoginEnforcement from(String name, String id, JsonObject b) {
    if (!Fields.stringList(b, "identity_group_ids").isEmpty()) {
      throw ApiError.badRequest("field 'identity_group_ids' is not supported by this server");
    }
    return new LoginEnforcement(
        name,
        id,
        Fields.stringList(b, "mfa_method_ids"),
        Fields.stringList(b, "auth_method_accessors"),
        Fields.stringList(b, "auth_method_types"),
        Fields.stringList(b, "identity_entity_ids"));
  }

  /**
   * Whether a login through {@code accessor} (a mount of {@code type}) by {@code entityId} is
   * covered.
   */
  boolean covers(String accessor, String type, String entityId) {
    return authMethodAccessors.contains(accessor)
        || authMethodTypes.contains(type)
        || (!entityId.isEmpty() && entityIds.contains(entityId));
  }

  JsonObject toData() {
    return new JsonObject()
        .put("name", name)
        .put("id", id)
        .put("namespace_id", "root")
        .put("mfa_method_ids", new JsonArray(new ArrayList<>(methodIds)))
        .put("auth_method_accessors", new JsonArray(new ArrayList<>(authMethodAccessors)))
        .put("auth_method_types", new JsonArray(new ArrayList<>(authMethodTypes)))
        .put("identity_entity_ids", new JsonArray(new ArrayList<>(entityIds)))
        .put("identity_group_ids", new JsonArray());
  }

  byte[] toBytes() {
    return toData().toBuffer().getBytes();
  }

  static LoginEnforcement fromBytes(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    return from(j.getString("name"), j.getString("id"), j);
  }
}
