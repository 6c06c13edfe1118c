package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Raw reads, writes, lists and deletes on any API path (as {@code vault read/write/list/delete}),
 * for what the typed operations do not cover. Reads, lists and deletes are retried; writes are not,
 * as the SDK cannot know whether a raw write is idempotent.
 */
public final class AsyncLogical {
  private final HttpTransport transport;

  AsyncLogical(HttpTransport transport) {
    this.transport = transport;
  }

  /** GET {@code path}; empty on 404. */
  public CompletableFuture<Optional<VaultReply>> read(String path) {
    return Futures.optional(transport.send(VaultCall.read(strip(path))), r -> r);
  }

  /** POST {@code body} to {@code path}; the reply may be 204 with no body. */
  public CompletableFuture<VaultReply> write(String path, Map<String, ?> body) {
    JsonNode node = transport.json().valueToTree(body);
    return write(path, node);
  }

  public CompletableFuture<VaultReply> write(String path, JsonNode body) {
    return transport.send(VaultCall.write(strip(path), body));
  }

  /** LIST {@code path}: the {@code keys}, empty when there is nothing (404). */
  public CompletableFuture<List<String>> list(String path) {
    return Futures.optional(transport.send(VaultCall.list(strip(path))), AsyncLogical::keys)
        .thenApply(o -> o.orElse(List.of()));
  }

  /** DELETE {@code path}. */
  public CompletableFuture<Void> delete(String path) {
    return transport.send(VaultCall.delete(strip(path))).thenApply(r -> null);
  }

  static List<String> keys(VaultReply reply) {
    List<String> keys = new ArrayList<>();
    reply.data().path("keys").forEach(k -> keys.add(k.asText()));
    return List.copyOf(keys);
  }

  /** Accepts {@code v1/secret/x}, {@code /v1/secret/x} and {@code secret/x} alike. */
  static String strip(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.startsWith("v1/") ? p.substring(3) : p;
  }
}
