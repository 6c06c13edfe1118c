package org.keyward.compliance;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One item a section held against the policy: what it is ({@code kind} and {@code item}, e.g.
 * {@code transit_key} {@code transit/orders}), its status and why, in one sentence.
 */
public record Finding(String kind, String item, Status status, String message) {
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("kind", kind)
        .put("item", item)
        .put("status", status.wire())
        .put("message", message);
  }
}
