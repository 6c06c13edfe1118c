package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keyward.http.ApiError;
import org.keyward.http.VaultResponse;

/**
 * Runs a per-item action over a {@link BatchRequest} and answers as Vault does: a single request
 * gets its fields or its error; a batch gets {@code batch_results} in input order, each with its
 * {@code reference} and, when it failed, its own {@code error}; the status is 400 when every item
 * failed and 400 (or {@code partial_failure_response_code}) when some did.
 */
final class BatchResults {
  /**
   * Batches of at least this many items leave the event loop. A 1,000-item encrypt costs the order
   * of a millisecond of CPU: on the loop that is a millisecond no other connection of the loop is
   * served; on workers it costs two thread hops per chunk (microseconds) and, on an otherwise idle
   * server, spreads over every core.
   */
  static final int OFF_LOOP_ITEMS = 128;

  /** Items per worker task: big enough to amortise the hops, small enough to use every core. */
  static final int CHUNK_ITEMS = 250;

  private BatchResults() {}

  static VaultResponse run(BatchRequest request, Function<JsonObject, JsonObject> action) {
    if (!request.batch()) {
      return VaultResponse.data(action.apply(request.body()));
    }
    Part part = part(request.items(), action);
    return respond(request, List.of(part));
  }

  /**
   * As {@link #run(BatchRequest, Function)}, with the items of a batch of {@link #OFF_LOOP_ITEMS}
   * or more split into chunks run in parallel on Vert.x's worker pool (where transit's other
   * CPU-bound work, RSA and signing, runs too). Each chunk gets its own action from {@code
   * newAction} (which may keep per-chunk state and must be safe to run on any thread); {@code
   * after} then sees each action on the calling (event-loop) thread, in input order, before the
   * answer is built: the place for work that belongs on the loop, such as counting.
   */
  static <A extends Function<JsonObject, JsonObject>> Future<VaultResponse> run(
      BatchRequest request, Vertx vertx, Supplier<A> newAction, Consumer<A> after) {
    List<JsonObject> items = request.items();
    if (!request.batch() || items.size() < OFF_LOOP_ITEMS) {
      A action = newAction.get();
      try {
        return Future.succeededFuture(run(request, action));
      } finally {
        after.accept(action);
      }
    }
    List<Future<Done<A>>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += CHUNK_ITEMS) {
      List<JsonObject> chunk = items.subList(from, Math.min(items.size(), from + CHUNK_ITEMS));
      chunks.add(
          vertx.executeBlocking(
              () -> {
                A action = newAction.get();
                return new Done<>(part(chunk, action), action);
              },
              false));
    }
    return Future.all(chunks)
        .map(
            all -> {
              List<Part> parts = new ArrayList<>();
              for (Future<Done<A>> chunk : chunks) {
                Done<A> done = chunk.result();
                after.accept(done.action());
                parts.add(done.part());
              }
              return respond(request, parts);
            });
  }

  /** The results of some items, in order, and how many of them failed. */
  private record Part(List<Object> results, int failed) {}

  private record Done<A>(Part part, A action) {}

  private static Part part(List<JsonObject> items, Function<JsonObject, JsonObject> action) {
    List<Object> results = new ArrayList<>(items.size());
    int failed = 0;
    for (JsonObject item : items) {
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
    return new Part(results, failed);
  }

  private static VaultResponse respond(BatchRequest request, List<Part> parts) {
    List<Object> results;
    if (parts.size() == 1) {
      results = parts.get(0).results();
    } else {
      results = new ArrayList<>(request.items().size());
      for (Part part : parts) {
        results.addAll(part.results());
      }
    }
    int failed = parts.stream().mapToInt(Part::failed).sum();
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
