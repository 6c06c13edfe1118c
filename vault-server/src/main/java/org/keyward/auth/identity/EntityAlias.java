package org.keyward.auth.identity;

import io.vertx.core.json.JsonObject;

/**
 * How one login method knows an entity: the mount (by accessor) plus the name the method gives the
 * one who logged in (userpass: the user name, AppRole: the role name, cert: the certificate's
 * common name).
 */
public record EntityAlias(
    String id,
    String canonicalId,
    String name,
    String mountAccessor,
    String mountType,
    String mountPath,
    String creationTime) {

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("canonical_id", canonicalId)
        .put("name", name)
        .put("mount_accessor", mountAccessor)
        .put("mount_type", mountType)
        .put("mount_path", mountPath)
        .put("creation_time", creationTime)
        .put("last_update_time", creationTime)
        .put("metadata", null)
        .put("local", false);
  }

  static EntityAlias fromJson(JsonObject j) {
    return new EntityAlias(
        j.getString("id"),
        j.getString("canonical_id"),
        j.getString("name"),
        j.getString("mount_accessor"),
        j.getString("mount_type"),
        j.getString("mount_path"),
        j.getString("creation_time"));
  }
}
