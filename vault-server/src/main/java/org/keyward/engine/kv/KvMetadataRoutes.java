package org.keyward.engine.kv;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** The {@code metadata/*} paths: list, read, set and remove a secret's metadata. */
final class KvMetadataRoutes {
  private final KvStore store;

  KvMetadataRoutes(KvStore store) {
    this.store = store;
  }

  /** Keys and folders below the path; 404 with no errors when there are none, as in Vault. */
  Future<VaultResponse> list(ListRequest request, RequestContext context) {
    return store
        .list(request.folder())
        .map(
            keys -> {
              if (keys.isEmpty()) {
                throw ApiError.notFound();
              }
              // Vault answers in key order whatever order the storage lists in.
              List<String> sorted = new ArrayList<>(keys);
              Collections.sort(sorted);
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(sorted)));
            });
  }

  Future<VaultResponse> read(SecretPath path, RequestContext context) {
    return store
        .metadata(path)
        .map(meta -> VaultResponse.data(meta.orElseThrow(ApiError::notFound).toResponse()));
  }

  /** Vault's existence check on {@code metadata/}: create while the secret has no metadata. */
  Future<Boolean> exists(MetadataWriteRequest request, RequestContext context) {
    return MetadataRead.check(store, request.path(), context);
  }

  Future<VaultResponse> write(MetadataWriteRequest request, RequestContext context) {
    SecretPath path = request.path();
    return store
        .update(
            path,
            SecretChanges.writeMetadata(path, request::applyTo),
            MetadataRead.kept(path, context))
        .map(VaultResponse.noContent());
  }

  Future<VaultResponse> patch(MetadataWriteRequest request, RequestContext context) {
    return store
        .update(request.path(), SecretChanges.patchMetadata(request::applyTo))
        .map(VaultResponse.noContent());
  }

  Future<VaultResponse> delete(SecretPath path, RequestContext context) {
    return store.update(path, SecretChanges.deleteAll()).map(VaultResponse.noContent());
  }
}
