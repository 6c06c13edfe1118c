package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** {@code keys}, {@code keys/:name} and its {@code config}, {@code rotate}, {@code trim}. */
final class TransitKeyRoutes {
  private final TransitKeyStore store;

  TransitKeyRoutes(TransitKeyStore store) {
    this.store = store;
  }

  /** A {@code keys/:name} create request. */
  record CreateKeyRequest(
      KeyName name,
      KeyType type,
      boolean derived,
      boolean convergent,
      boolean exportable,
      boolean allowPlaintextBackup,
      long autoRotatePeriodSeconds) {
    static CreateKeyRequest from(RequestContext request) {
      JsonObject body = request.body();
      CreateKeyRequest r =
          new CreateKeyRequest(
              new KeyName(request.param("name")),
              KeyType.fromWire(Fields.string(body, "type", KeyType.AES256_GCM96.wireName())),
              Fields.bool(body, "derived", false),
              Fields.bool(body, "convergent_encryption", false),
              Fields.bool(body, "exportable", false),
              Fields.bool(body, "allow_plaintext_backup", false),
              Fields.durationSeconds(body, "auto_rotate_period", 0));
      if (body.containsKey("key_size") && Fields.integer(body, "key_size", 0) != 0) {
        if (r.type != KeyType.HMAC || Fields.integer(body, "key_size", 0) != 32) {
          throw ApiError.badRequest("key_size is only supported as 32 for hmac keys");
        }
      }
      TransitKey.checkSettings(r.type, r.derived, r.convergent, r.autoRotatePeriodSeconds);
      TransitKey.checkExport(r.type, r.exportable, r.allowPlaintextBackup);
      return r;
    }
  }

  /** A request naming only a key (read, delete, rotate). */
  record NamedKey(KeyName name) {
    static NamedKey from(RequestContext request) {
      return new NamedKey(new KeyName(request.param("name")));
    }
  }

  /** A {@code keys/:name/trim} request. */
  record TrimRequest(KeyName name, int minAvailableVersion) {
    static TrimRequest from(RequestContext request) {
      long v = Fields.integer(request.body(), "min_available_version", 0);
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw ApiError.badRequest("field 'min_available_version' must be a key version >= 1");
      }
      return new TrimRequest(new KeyName(request.param("name")), (int) v);
    }
  }

  static Void none(RequestContext request) {
    return null;
  }

  Future<VaultResponse> create(CreateKeyRequest r, RequestContext ctx) {
    return store
        .create(
            r.name(),
            r.type(),
            first ->
                TransitKey.create(
                    r.name().value(),
                    r.type(),
                    r.derived(),
                    r.convergent(),
                    r.exportable(),
                    r.allowPlaintextBackup(),
                    r.autoRotatePeriodSeconds(),
                    first))
        .map(TransitKeyRoutes::info);
  }

  Future<VaultResponse> read(NamedKey r, RequestContext ctx) {
    return store.find(r.name()).map(found -> info(found.orElseThrow(ApiError::notFound)));
  }

  Future<VaultResponse> list(Void ignored, RequestContext ctx) {
    return store
        .list()
        .map(
            keys -> {
              if (keys.isEmpty()) {
                throw ApiError.notFound();
              }
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(keys)));
            });
  }

  Future<VaultResponse> delete(NamedKey r, RequestContext ctx) {
    return store.delete(r.name()).map(ignored -> VaultResponse.noContent());
  }

  Future<VaultResponse> config(TransitKeyConfig r, RequestContext ctx) {
    return store.update(r.name(), key -> key.configured(r)).map(TransitKeyRoutes::info);
  }

  Future<VaultResponse> rotate(NamedKey r, RequestContext ctx) {
    return store.rotate(r.name()).map(TransitKeyRoutes::info);
  }

  Future<VaultResponse> trim(TrimRequest r, RequestContext ctx) {
    return store.trim(r.name(), r.minAvailableVersion()).map(TransitKeyRoutes::info);
  }

  private static VaultResponse info(LoadedKey loaded) {
    return VaultResponse.data(TransitKeyInfo.of(loaded.key()));
  }
}
