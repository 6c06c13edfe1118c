package org.keyward.engine.kv;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;

/** Reads Vault response bodies in tests. */
final class TestJson {
  private TestJson() {}

  static JsonObject body(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject();
  }

  static JsonObject data(HttpResponse<Buffer> response) {
    return body(response).getJsonObject("data");
  }

  @SuppressWarnings("unchecked")
  static List<String> errors(HttpResponse<Buffer> response) {
    JsonArray errors = body(response).getJsonArray("errors");
    return errors == null ? null : (List<String>) errors.getList();
  }

  static JsonObject write(JsonObject data) {
    return new JsonObject().put("data", data);
  }

  static JsonObject write(JsonObject data, long cas) {
    return new JsonObject().put("options", new JsonObject().put("cas", cas)).put("data", data);
  }
}
