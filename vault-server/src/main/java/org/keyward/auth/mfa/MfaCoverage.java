package org.keyward.auth.mfa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.auth.identity.Entity;
import org.keyward.auth.identity.EntityStore;
import org.keyward.auth.identity.LoginAlias;
import org.keyward.view.StoredValue;

/**
 * Which accounts a login MFA enforcement covers, and whether each covered one has a TOTP key to
 * answer it with: the facts behind the compliance report's MFA section. The same {@link
 * LoginEnforcement#covers} decides here as at login, so the report cannot drift from what a login
 * would meet. An account that never logged in has no entity yet, so only mount and type targets can
 * cover it.
 */
final class MfaCoverage {
  private final MfaStore store;
  private final EntityStore entities;

  MfaCoverage(MfaStore store, EntityStore entities) {
    this.store = store;
    this.entities = entities;
  }

  /**
   * {@code {"enforcements": [names], "accounts": [{"mount", "type", "name", "enforcements",
   * "enrolled"}]}}, accounts in the order given.
   */
  Future<JsonObject> of(List<LoginAlias> accounts) {
    return store
        .enforcements()
        .compose(
            all -> {
              List<Future<JsonObject>> rows = new ArrayList<>();
              accounts.forEach(a -> rows.add(account(a, all)));
              return Future.all(rows)
                  .map(
                      done -> {
                        JsonArray names = new JsonArray();
                        all.forEach(e -> names.add(e.name()));
                        JsonArray out = new JsonArray();
                        rows.forEach(r -> out.add(r.result()));
                        return new JsonObject().put("enforcements", names).put("accounts", out);
                      });
            });
  }

  private Future<JsonObject> account(LoginAlias account, List<LoginEnforcement> all) {
    return entities
        .byAlias(account)
        .compose(
            entity -> {
              String entityId = entity.map(Entity::id).orElse("");
              List<LoginEnforcement> covering =
                  all.stream()
                      .filter(
                          e ->
                              e.covers(
                                  account.mount().accessor(), account.mount().type(), entityId))
                      .toList();
              return enrolled(covering, entityId)
                  .map(
                      enrolled -> {
                        JsonArray names = new JsonArray();
                        covering.forEach(e -> names.add(e.name()));
                        return new JsonObject()
                            .put("mount", account.mount().path())
                            .put("type", account.mount().type())
                            .put("name", account.name())
                            .put("enforcements", names)
                            .put("enrolled", enrolled);
                      });
            });
  }

  /** Whether the entity holds a TOTP key for a method of every covering enforcement. */
  private Future<Boolean> enrolled(List<LoginEnforcement> covering, String entityId) {
    if (covering.isEmpty() || entityId.isEmpty()) {
      return Future.succeededFuture(false);
    }
    List<Future<Boolean>> each = new ArrayList<>();
    for (LoginEnforcement e : covering) {
      List<Future<Optional<StoredValue>>> keys = new ArrayList<>();
      e.methodIds().forEach(id -> keys.add(store.secret(id, entityId)));
      each.add(Future.all(keys).map(done -> keys.stream().anyMatch(k -> k.result().isPresent())));
    }
    return Future.all(each).map(done -> each.stream().allMatch(Future::result));
  }
}
