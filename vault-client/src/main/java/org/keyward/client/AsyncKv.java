package org.keyward.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * KV version 2 at one mount: versioned reads and writes (with check-and-set), JSON merge patch,
 * list, soft delete, undelete, destroy, and metadata. Reads, lists, version deletes, undeletes,
 * destroys and metadata writes are retried (repeating them ends in the same state); writes and
 * patches are not, as each makes a new version.
 */
public final class AsyncKv {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final HttpTransport transport;
  private final String mount;

  AsyncKv(HttpTransport transport, String mount) {
    this.transport = transport;
    this.mount = trim(mount);
  }

  /** The latest version; empty if the secret does not exist. */
  public CompletableFuture<Optional<KvSecret>> get(String path) {
    return read(url("data", path));
  }

  /** Version {@code version}; empty if it does not exist. */
  public CompletableFuture<Optional<KvSecret>> get(String path, long version) {
    return read(url("data", path) + "?version=" + version);
  }

  private CompletableFuture<Optional<KvSecret>> read(String url) {
    return Futures.optional(transport.send(VaultCall.read(url)), r -> secret(r.data()));
  }

  private KvSecret secret(JsonNode data) {
    JsonNode values = data.path("data");
    Map<String, Object> map =
        values.isObject() ? transport.json().convertValue(values, MAP) : Map.of();
    return new KvSecret(SecretData.of(map), KvVersion.from(data.path("metadata")));
  }

  /** Writes a new version. */
  public CompletableFuture<KvVersion> put(String path, SecretData data) {
    return write(path, data, Optional.empty());
  }

  /**
   * Writes a new version only if the current one is {@code cas} (0: only if the secret does not
   * exist yet); else fails with status 400 and the server's check-and-set message.
   */
  public CompletableFuture<KvVersion> put(String path, SecretData data, long cas) {
    return write(path, data, Optional.of(cas));
  }

  private CompletableFuture<KvVersion> write(String path, SecretData data, Optional<Long> cas) {
    ObjectNode body = transport.json().createObjectNode();
    body.set("data", transport.json().valueToTree(data.reveal()));
    cas.ifPresent(c -> body.putObject("options").put("cas", c));
    return transport
        .send(VaultCall.write(url("data", path), body))
        .thenApply(r -> KvVersion.from(r.data()));
  }

  /**
   * Merges {@code changes} into the latest version as a JSON merge patch (a null value removes the
   * key) and writes the result as a new version; fails with 404 if there is no live version.
   */
  public CompletableFuture<KvVersion> patch(String path, Map<String, ?> changes) {
    ObjectNode body = transport.json().createObjectNode();
    body.set("data", transport.json().valueToTree(changes));
    return transport
        .send(VaultCall.patch(url("data", path), body))
        .thenApply(r -> KvVersion.from(r.data()));
  }

  /** The keys under {@code path} (folders end in {@code /}); empty if there are none. */
  public CompletableFuture<List<String>> list(String path) {
    return Futures.optional(
            transport.send(VaultCall.list(url("metadata", path) + "/")), AsyncLogical::keys)
        .thenApply(o -> o.orElse(List.of()));
  }

  /** Soft-deletes the latest version (undelete brings it back). */
  public CompletableFuture<Void> delete(String path) {
    // Not retried: "latest" may have moved on by the time a retry lands (a lost answer followed by
    // another writer's put), and the retry would delete that newer version.
    VaultCall call = new VaultCall("DELETE", url("data", path), null, false, false);
    return transport.send(call).thenApply(r -> null);
  }

  /** Soft-deletes {@code versions}. */
  public CompletableFuture<Void> delete(String path, List<Long> versions) {
    return versions("delete", path, versions);
  }

  public CompletableFuture<Void> undelete(String path, List<Long> versions) {
    return versions("undelete", path, versions);
  }

  /** Erases the data of {@code versions} for good (metadata stays). */
  public CompletableFuture<Void> destroy(String path, List<Long> versions) {
    return versions("destroy", path, versions);
  }

  private CompletableFuture<Void> versions(String action, String path, List<Long> versions) {
    ObjectNode body = transport.json().createObjectNode();
    body.set("versions", transport.json().valueToTree(versions));
    return transport.send(VaultCall.idempotentWrite(url(action, path), body)).thenApply(r -> null);
  }

  public CompletableFuture<Optional<KvMetadata>> readMetadata(String path) {
    return Futures.optional(
        transport.send(VaultCall.read(url("metadata", path))), r -> KvMetadata.from(r.data()));
  }

  public CompletableFuture<Void> writeMetadata(String path, KvMetadataSettings settings) {
    return transport
        .send(VaultCall.idempotentWrite(url("metadata", path), settings.toJson(transport.json())))
        .thenApply(r -> null);
  }

  /** Deletes the secret with every version and its metadata. */
  public CompletableFuture<Void> deleteMetadata(String path) {
    return transport.send(VaultCall.delete(url("metadata", path))).thenApply(r -> null);
  }

  private String url(String kind, String path) {
    String p = trim(path);
    return mount + "/" + kind + (p.isEmpty() ? "" : "/" + p);
  }

  static String trim(String s) {
    String t = s;
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
