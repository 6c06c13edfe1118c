package org.keyward.auth.mfa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.keyward.auth.identity.Entity;
import org.keyward.auth.identity.EntityStore;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;
import org.keyward.view.CompareAndSet;

/**
 * {@code identity/mfa/method/totp*}: TOTP method configuration, self-enrolment ({@code generate},
 * for the entity of the calling token) and the administrator's {@code admin-generate} and {@code
 * admin-destroy}. A key is made once per method and entity: generating again answers a warning and
 * no key, as Vault does, so a stolen password alone cannot re-enrol someone else's second factor.
 */
final class TotpMethodRoutes {
  static final String ALREADY_ENROLLED = "Entity already has a secret for MFA method";

  /** {@code method_id} (and {@code entity_id} for the admin paths) from the body. */
  record Target(String methodId, String entityId) {
    static Target self(RequestContext request) {
      return new Target(Fields.requiredString(request.body(), "method_id"), "");
    }

    static Target admin(RequestContext request) {
      return new Target(
          Fields.requiredString(request.body(), "method_id"),
          Fields.requiredString(request.body(), "entity_id"));
    }
  }

  private final MfaStore store;
  private final EntityStore entities;
  private final SecureRandom random = new SecureRandom();

  TotpMethodRoutes(MfaStore store, EntityStore entities) {
    this.store = store;
    this.entities = entities;
  }

  List<Operation<?>> operations() {
    return List.of(
        Operation.write("mfa/method/totp/generate", Target::self, this::generate),
        Operation.write("mfa/method/totp/admin-generate", Target::admin, this::adminGenerate),
        Operation.write("mfa/method/totp/admin-destroy", Target::admin, this::adminDestroy),
        Operation.list("mfa/method/totp", r -> null, this::list),
        Operation.write(
            "mfa/method/totp",
            r -> TotpMethod.from(UUID.randomUUID().toString(), r.body(), null),
            this::create),
        Operation.read("mfa/method/totp/:method_id", r -> r.param("method_id"), this::read),
        Operation.write("mfa/method/totp/:method_id", r -> r, this::update),
        Operation.delete("mfa/method/totp/:method_id", r -> r.param("method_id"), this::delete));
  }

  private Future<VaultResponse> create(TotpMethod method, RequestContext request) {
    return store
        .putMethod(method)
        .map(v -> VaultResponse.data(new JsonObject().put("method_id", method.id())));
  }

  private Future<VaultResponse> update(RequestContext in, RequestContext request) {
    String id = in.param("method_id");
    return existing(id)
        .map(old -> TotpMethod.from(id, in.body(), old))
        .compose(store::putMethod)
        .map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> read(String id, RequestContext request) {
    return existing(id).map(m -> VaultResponse.data(m.toData()));
  }

  private Future<VaultResponse> delete(String id, RequestContext request) {
    return store
        .enforcements()
        .compose(
            all -> {
              if (all.stream().anyMatch(e -> e.methodIds().contains(id))) {
                return Future.failedFuture(
                    ApiError.badRequest("MFA method is in use by a login enforcement"));
              }
              return MfaIds.valid(id) ? store.deleteMethod(id) : Future.succeededFuture();
            })
        .map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> list(Object ignored, RequestContext request) {
    return store
        .methodIds()
        .map(
            ids -> {
              List<String> keys = new ArrayList<>(ids.stream().filter(MfaIds::valid).toList());
              if (keys.isEmpty()) {
                throw ApiError.notFound();
              }
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(keys)));
            });
  }

  private Future<VaultResponse> generate(Target in, RequestContext request) {
    String entityId = request.caller().entityId();
    if (entityId.isEmpty()) {
      return Future.failedFuture(
          ApiError.badRequest("the token has no entity; log in through an auth method first"));
    }
    return enrol(in.methodId(), entityId);
  }

  private Future<VaultResponse> adminGenerate(Target in, RequestContext request) {
    return enrol(in.methodId(), in.entityId());
  }

  private Future<VaultResponse> adminDestroy(Target in, RequestContext request) {
    return existing(in.methodId())
        .compose(m -> entity(in.entityId()))
        .compose(e -> store.deleteSecret(in.methodId(), e.id()))
        .map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> enrol(String methodId, String entityId) {
    return existing(methodId)
        .compose(
            method ->
                entity(entityId)
                    .compose(
                        entity -> {
                          byte[] key = new byte[method.keySize()];
                          random.nextBytes(key);
                          TotpSecret secret = new TotpSecret(key, -1);
                          return store
                              .createSecret(method.id(), entity.id(), secret)
                              .map(v -> enrolment(method, entity, secret))
                              .recover(
                                  e ->
                                      CompareAndSet.isConflict(e)
                                          ? Future.succeededFuture(
                                              VaultResponse.data(null)
                                                  .withWarnings(List.of(ALREADY_ENROLLED)))
                                          : Future.failedFuture(e));
                        }));
  }

  private static VaultResponse enrolment(TotpMethod method, Entity entity, TotpSecret secret) {
    String url = TotpEnrolment.url(method, entity.name(), secret);
    return VaultResponse.data(
        new JsonObject()
            .put("barcode", TotpEnrolment.barcode(url, method.qrSize()))
            .put("url", url));
  }

  private Future<TotpMethod> existing(String id) {
    return store
        .method(id)
        .map(m -> m.orElseThrow(() -> ApiError.badRequest("MFA method not found: " + safe(id))));
  }

  private Future<Entity> entity(String id) {
    return entities
        .byId(id)
        .map(e -> e.orElseThrow(() -> ApiError.badRequest("entity not found: " + safe(id))));
  }

  private static String safe(String id) {
    return MfaIds.valid(id) ? id : "(invalid id)";
  }
}
