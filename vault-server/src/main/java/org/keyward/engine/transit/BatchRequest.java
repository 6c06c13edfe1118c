package org.keyward.engine.transit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A transit request on a named key that Vault lets batch: either the body's own fields (one item)
 * or {@code batch_input}, a list of objects. Items are validated one by one when acted on, so a bad
 * item fails alone.
 *
 * @param partialFailureCode the status when some (not all) items fail; null for 400
 */
record BatchRequest(
    KeyName name,
    JsonObject body,
    List<JsonObject> items,
    boolean batch,
    Integer partialFailureCode) {
  static final int MAX_ITEMS = 10_000;

  BatchRequest {
    items = List.copyOf(items);
  }

  static BatchRequest from(RequestContext request) {
    return from(request, new KeyName(request.param("name")));
  }

  static BatchRequest from(RequestContext request, KeyName name) {
    JsonObject body = request.body();
    Object raw = body.getValue("batch_input");
    Integer partial = null;
    if (body.containsKey("partial_failure_response_code")) {
      long code = Fields.integer(body, "partial_failure_response_code", 400);
      if (code < 200 || code > 599) {
        throw ApiError.badRequest("field 'partial_failure_response_code' must be an HTTP status");
      }
      partial = (int) code;
    }
    if (raw == null) {
      return new BatchRequest(name, body, List.of(body), false, partial);
    }
    if (!(raw instanceof JsonArray array) || array.isEmpty()) {
      throw ApiError.badRequest("field 'batch_input' must be a non-empty list of objects");
    }
    if (array.size() > MAX_ITEMS) {
      throw ApiError.badRequest("field 'batch_input' holds more than " + MAX_ITEMS + " items");
    }
    List<JsonObject> items = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject o)) {
        throw ApiError.badRequest("field 'batch_input' must be a non-empty list of objects");
      }
      items.add(o);
    }
    return new BatchRequest(name, body, items, true, partial);
  }

  // The body holds plaintexts and inputs: never print it.
  @Override
  public String toString() {
    return "BatchRequest[" + name + ", " + items.size() + " item(s), REDACTED]";
  }
}
