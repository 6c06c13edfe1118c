package org.keyward.engine.transit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.keyward.http.ApiError;
import org.keyward.http.VaultResponse;

/**
 * Runs a per-item action over a {@link BatchRequest} and answers as Vault does: a single request
 * gets its fields or its error; a batch gets {@code batch_results} in input order, each with its
 * {@code reference} and, when it failed, its own {@code error}; the status is 400 when every item
 * failed and 400 (or {@code partial_failure_response_code}) when some did.
 */
final class BatchResults {
  private BatchResults() {}

  static VaultResponse run(BatchRequest request, Function<JsonObject, JsonObject> action) {
    if (!request.batch()) {
      return VaultResponse.data(action.apply(request.body()));
    }
    List<Object> results = new ArrayList<>();
    int failed = 0;
    for (JsonObject item : request.items()) {
      JsonObject result;
      try {
        result = action.apply(item);
      } catch (ApiError e) {
        failed++;
        result = new JsonObject().put("error", String.join("; ", e.messages()));
      }
      if (item.containsKey("reference")) {
        result.put("reference", item.getValue("reference"));
      }
      results.add(result);
    }
    VaultResponse response =
        VaultResponse.data(new JsonObject().put("batch_results", new JsonArray(results)));
    if (failed == 0) {
      return response;
    }
    if (failed == results.size() || request.partialFailureCode() == null) {
      return response.withStatus(400);
    }
    return response.withStatus(request.partialFailureCode());
  }
}
