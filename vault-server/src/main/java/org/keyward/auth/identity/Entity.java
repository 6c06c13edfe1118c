package org.keyward.auth.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An identity entity: one person or machine, however many login methods know it. Keyward keeps the
 * minimum Vault's MFA and audit need (id, name, aliases); entities carry no policies of their own.
 */
public record Entity(String id, String name, String creationTime, List<EntityAlias> aliases) {
  public Entity {
    aliases = List.copyOf(aliases);
  }

  Entity withAlias(EntityAlias alias) {
    List<EntityAlias> all = new ArrayList<>(aliases);
    all.add(alias);
    return new Entity(id, name, creationTime, all);
  }

  /** Vault's {@code identity/entity/id/:id} data. */
  JsonObject toData() {
    JsonArray aliasJson = new JsonArray();
    aliases.forEach(a -> aliasJson.add(a.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("aliases", aliasJson)
        .put("creation_time", creationTime)
        .put("last_update_time", creationTime)
        .put("direct_group_ids", new JsonArray())
        .put("group_ids", new JsonArray())
        .put("inherited_group_ids", new JsonArray())
        .put("disabled", false)
        .put("metadata", null)
        .put("namespace_id", "root")
        .put("policies", new JsonArray());
  }

  byte[] toBytes() {
    JsonArray aliasJson = new JsonArray();
    aliases.forEach(a -> aliasJson.add(a.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("creation_time", creationTime)
        .put("aliases", aliasJson)
        .toBuffer()
        .getBytes();
  }

  static Entity fromBytes(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    List<EntityAlias> aliases = new ArrayList<>();
    j.getJsonArray("aliases", new JsonArray())
        .forEach(a -> aliases.add(EntityAlias.fromJson((JsonObject) a)));
    return new Entity(
        j.getString("id"), j.getString("name"), j.getString("creation_time"), aliases);
  }
}
