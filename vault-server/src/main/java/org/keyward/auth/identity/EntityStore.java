package org.keyward.auth.identity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keyward.view.CompareAndSet;
import org.keyward.view.StorageView;
import org.keyward.view.ViewOp;

/**
 * Entities and their aliases, through the barrier. Layout: {@code entity/id/<id>} (the entity with
 * its aliases), {@code entity/name/<name>} (its id), {@code alias/id/<alias id>} (the alias), and
 * {@code alias/key/<sha256(accessor, name)>} (the alias id: alias names may hold characters a
 * storage key may not). A new entity and its first alias are written in one transaction that
 * expects the alias key absent, so two first logins at once make one entity: the loser re-reads.
 */
public final class EntityStore {
  private static final int MAX_ATTEMPTS = 3;

  private final StorageView view;
  private final Clock clock;

  public EntityStore(StorageView view, Clock clock) {
    this.view = view;
    this.clock = clock;
  }

  /** The entity {@code alias} belongs to, made (with the alias) on its first login. */
  public Future<Entity> findOrCreate(LoginAlias alias) {
    return findOrCreate(alias, 1);
  }

  private Future<Entity> findOrCreate(LoginAlias alias, int attempt) {
    return byAlias(alias)
        .compose(
            found ->
                found.isPresent()
                    ? Future.succeededFuture(found.get())
                    : create(alias, aliasStorageKey(alias))
                        .recover(
                            e ->
                                CompareAndSet.isConflict(e) && attempt < MAX_ATTEMPTS
                                    ? findOrCreate(alias, attempt + 1)
                                    : Future.failedFuture(e)));
  }

  /** The entity {@code alias} belongs to; empty if that alias never logged in. */
  public Future<Optional<Entity>> byAlias(LoginAlias alias) {
    String key = aliasStorageKey(alias);
    return view.get(key)
        .compose(
            row -> {
              if (row.isEmpty()) {
                return Future.succeededFuture(Optional.<Entity>empty());
              }
              String aliasId = new String(row.get(), StandardCharsets.UTF_8);
              return alias(aliasId)
                  .compose(a -> byId(a.orElseThrow(() -> corrupt(key)).canonicalId()))
                  .map(e -> Optional.of(e.orElseThrow(() -> corrupt(key))));
            });
  }

  private static String aliasStorageKey(LoginAlias alias) {
    return "alias/key/" + aliasKey(alias.mount().accessor(), alias.name());
  }

  private Future<Entity> create(LoginAlias login, String aliasKey) {
    String id = UUID.randomUUID().toString();
    String aliasId = UUID.randomUUID().toString();
    String now = clock.instant().toString();
    String name = "entity_" + id.substring(0, 8);
    EntityAlias alias =
        new EntityAlias(
            aliasId,
            id,
            login.name(),
            login.mount().accessor(),
            login.mount().type(),
            login.mount().path(),
            now);
    Entity entity = new Entity(id, name, now, List.of(alias));
    return view.transaction(
            List.of(
                ViewOp.expect(aliasKey, null),
                ViewOp.expect("entity/name/" + name, null),
                ViewOp.put(aliasKey, aliasId.getBytes(StandardCharsets.UTF_8)),
                ViewOp.put("alias/id/" + aliasId, alias.toJson().toBuffer().getBytes()),
                ViewOp.put("entity/id/" + id, entity.toBytes()),
                ViewOp.put("entity/name/" + name, id.getBytes(StandardCharsets.UTF_8))))
        .map(v -> entity);
  }

  public Future<Optional<Entity>> byId(String id) {
    if (!safe(id)) {
      return Future.succeededFuture(Optional.empty());
    }
    return view.get("entity/id/" + id).map(row -> row.map(Entity::fromBytes));
  }

  public Future<Optional<Entity>> byName(String name) {
    if (!safe(name)) {
      return Future.succeededFuture(Optional.empty());
    }
    return view.get("entity/name/" + name)
        .compose(
            row ->
                row.isEmpty()
                    ? Future.succeededFuture(Optional.<Entity>empty())
                    : byId(new String(row.get(), StandardCharsets.UTF_8)));
  }

  public Future<List<String>> entityIds() {
    return view.list("entity/id/");
  }

  public Future<List<String>> aliasIds() {
    return view.list("alias/id/");
  }

  public Future<Optional<EntityAlias>> alias(String aliasId) {
    if (!safe(aliasId)) {
      return Future.succeededFuture(Optional.empty());
    }
    return view.get("alias/id/" + aliasId)
        .map(
            row ->
                row.map(
                    b ->
                        EntityAlias.fromJson(
                            new JsonObject(new String(b, StandardCharsets.UTF_8)))));
  }

  /** Ids and names are ours (UUIDs, {@code entity_<hex>}); anything else cannot be stored. */
  private static boolean safe(String s) {
    return s != null && s.matches("[A-Za-z0-9_-]{1,64}");
  }

  private static String aliasKey(String accessor, String name) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(accessor.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static IllegalStateException corrupt(String key) {
    return new IllegalStateException("identity store: dangling alias " + key);
  }
}
