package org.keyward.auth.identity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The read side of Vault's identity store, enough for MFA and audit: {@code entity/id/:id}, {@code
 * entity/name/:name}, {@code LIST entity/id}, {@code LIST entity-alias/id} and {@code
 * entity-alias/id/:id}. Entities are made by logins only.
 */
public final class IdentityRoutes {
  private final EntityStore entities;

  public IdentityRoutes(EntityStore entities) {
    this.entities = entities;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.list("entity/id", r -> null, this::listEntities),
        Operation.read("entity/id/:id", r -> r.param("id"), this::readById),
        Operation.read("entity/name/:name", r -> r.param("name"), this::readByName),
        Operation.list("entity-alias/id", r -> null, this::listAliases),
        Operation.read("entity-alias/id/:id", r -> r.param("id"), this::readAlias));
  }

  private Future<VaultResponse> readById(String id, RequestContext request) {
    return entities.byId(id).map(IdentityRoutes::entityOrNotFound);
  }

  private Future<VaultResponse> readByName(String name, RequestContext request) {
    return entities.byName(name).map(IdentityRoutes::entityOrNotFound);
  }

  private Future<VaultResponse> readAlias(String id, RequestContext request) {
    return entities
        .alias(id)
        .map(a -> VaultResponse.data(a.orElseThrow(ApiError::notFound).toJson()));
  }

  private Future<VaultResponse> listEntities(Object ignored, RequestContext request) {
    return entities
        .entityIds()
        .compose(ids -> all(ids, entities::byId))
        .map(
            found -> {
              JsonObject info = new JsonObject();
              List<String> keys = new ArrayList<>();
              for (Entity e : found) {
                keys.add(e.id());
                info.put(e.id(), new JsonObject().put("name", e.name()));
              }
              return listing(keys, info);
            });
  }

  private Future<VaultResponse> listAliases(Object ignored, RequestContext request) {
    return entities
        .aliasIds()
        .compose(ids -> all(ids, entities::alias))
        .map(
            found -> {
              JsonObject info = new JsonObject();
              List<String> keys = new ArrayList<>();
              for (EntityAlias a : found) {
                keys.add(a.id());
                info.put(
                    a.id(),
                    new JsonObject()
                        .put("canonical_id", a.canonicalId())
                        .put("name", a.name())
                        .put("mount_accessor", a.mountAccessor())
                        .put("mount_type", a.mountType())
                        .put("mount_path", a.mountPath()));
              }
              return listing(keys, info);
            });
  }

  private static <T> Future<List<T>> all(
      List<String> ids, java.util.function.Function<String, Future<Optional<T>>> read) {
    List<Future<Optional<T>>> reads = new ArrayList<>();
    ids.stream().filter(id -> !id.endsWith("/")).forEach(id -> reads.add(read.apply(id)));
    return Future.all(reads)
        .map(
            done -> {
              List<T> out = new ArrayList<>();
              reads.forEach(f -> f.result().ifPresent(out::add));
              return out;
            });
  }

  private static VaultResponse listing(List<String> keys, JsonObject info) {
    if (keys.isEmpty()) {
      throw ApiError.notFound();
    }
    return VaultResponse.data(
        new JsonObject().put("keys", new JsonArray(keys)).put("key_info", info));
  }

  private static VaultResponse entityOrNotFound(Optional<Entity> entity) {
    return VaultResponse.data(entity.orElseThrow(ApiError::notFound).toData());
  }
}
