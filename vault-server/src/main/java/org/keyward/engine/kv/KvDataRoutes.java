package org.keyward.engine.kv;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The {@code data/*}, {@code subkeys/*}, {@code delete/*}, {@code undelete/*} and {@code destroy/*}
 * paths: a secret's versions. Answers exactly as Vault: a deleted or destroyed version reads as 404
 * whose body still carries its metadata.
 */
final class KvDataRoutes {
  private final KvStore store;

  KvDataRoutes(KvStore store) {
    this.store = store;
  }

  Future<VaultResponse> read(DataReadRequest request, RequestContext context) {
    return readVersion(request)
        .map(
            found -> {
              JsonObject metadata = found.metadata().versionResponse(found.version());
              JsonObject data = found.data() == null ? null : found.data().reveal();
              VaultResponse response =
                  VaultResponse.data(new JsonObject().put("data", data).put("metadata", metadata));
              return data == null ? response.withStatus(404) : response;
            });
  }

  /** Vault's {@code subkeys}: the data's keys with every leaf value replaced by null. */
  Future<VaultResponse> subkeys(DataReadRequest request, RequestContext context) {
    return readVersion(request)
        .map(
            found -> {
              JsonObject metadata = found.metadata().versionResponse(found.version());
              JsonObject keys =
                  found.data() == null
                      ? null
                      : subkeysOf(found.data().reveal(), request.depth(), 1);
              VaultResponse response =
                  VaultResponse.data(
                      new JsonObject().put("subkeys", keys).put("metadata", metadata));
              return keys == null ? response.withStatus(404) : response;
            });
  }

  /** Vault's existence check on {@code data/}: create while the secret has no metadata. */
  Future<Boolean> exists(DataWriteRequest request, RequestContext context) {
    return MetadataRead.check(store, request.path(), context);
  }

  Future<VaultResponse> write(DataWriteRequest request, RequestContext context) {
    SecretPath path = request.path();
    return store
        .update(
            path,
            SecretChanges.write(path, request.cas(), request.data()),
            MetadataRead.kept(path, context))
        .map(result -> VaultResponse.data(result.toResponse()));
  }

  Future<VaultResponse> patch(DataWriteRequest request, RequestContext context) {
    SecretPath path = request.path();
    JsonObject patch = request.data().reveal();
    return store
        .update(
            path,
            SecretChanges.patch(
                path,
                request.cas(),
                version -> store.version(path, version),
                base -> new SecretData(JsonMergePatch.apply(base.reveal(), patch))))
        .map(
            result -> {
              VaultResponse response = VaultResponse.data(result.toResponse());
              return result.written() ? response : response.withStatus(404);
            });
  }

  Future<VaultResponse> deleteLatest(SecretPath path, RequestContext context) {
    return store.update(path, SecretChanges.deleteLatest()).map(VaultResponse.noContent());
  }

  Future<VaultResponse> deleteVersions(VersionsRequest request, RequestContext context) {
    return mark(request, SecretChanges.Mark.DELETE);
  }

  Future<VaultResponse> undelete(VersionsRequest request, RequestContext context) {
    return mark(request, SecretChanges.Mark.UNDELETE);
  }

  Future<VaultResponse> destroy(VersionsRequest request, RequestContext context) {
    return mark(request, SecretChanges.Mark.DESTROY);
  }

  private Future<VaultResponse> mark(VersionsRequest request, SecretChanges.Mark mark) {
    return store
        .update(request.path(), SecretChanges.mark(request.versions(), mark))
        .map(VaultResponse.noContent());
  }

  /** A version as read: its data is null when deleted or destroyed (404 with metadata). */
  private record Found(KeyMetadata metadata, long version, SecretData data) {}

  private Future<Found> readVersion(DataReadRequest request) {
    return store
        .metadata(request.path())
        .compose(
            stored -> {
              KeyMetadata meta = stored.orElseThrow(ApiError::notFound);
              long version = request.version() == 0 ? meta.currentVersion() : request.version();
              VersionMetadata v = meta.versions().get(version);
              if (v == null) {
                throw ApiError.notFound();
              }
              if (!v.liveAt(store.now())) {
                return Future.succeededFuture(new Found(meta, version, null));
              }
              return store
                  .version(request.path(), version)
                  .map(data -> new Found(meta, version, data.orElseThrow(ApiError::notFound)));
            });
  }

  private static JsonObject subkeysOf(JsonObject data, long maxDepth, long depth) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : data) {
      boolean descend = e.getValue() instanceof JsonObject && (maxDepth == 0 || depth < maxDepth);
      out.put(
          e.getKey(), descend ? subkeysOf((JsonObject) e.getValue(), maxDepth, depth + 1) : null);
    }
    return out;
  }
}
