package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** RFC 7396 JSON merge patch of objects, as Vault's kv-v2 PATCH applies to a secret's data. */
final class JsonMergePatch {
  private JsonMergePatch() {}

  /** A new object: {@code target} with {@code patch} merged in (null values remove keys). */
  static JsonObject apply(JsonObject target, JsonObject patch) {
    JsonObject out = target.copy();
    for (Map.Entry<String, Object> e : patch) {
      Object value = e.getValue();
      if (value == null) {
        out.remove(e.getKey());
      } else if (value instanceof JsonObject patchChild) {
        Object existing = out.getValue(e.getKey());
        JsonObject base = existing instanceof JsonObject o ? o : new JsonObject();
        out.put(e.getKey(), apply(base, patchChild));
      } else {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }
}
