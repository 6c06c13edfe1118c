package org.keyward.engine.transit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keyward.http.ApiError;
import org.keyward.http.StreamedJson;
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

  private static final SerializedString REFERENCE = new SerializedString("reference");
  private static final SerializedString BATCH_RESULTS = new SerializedString("batch_results");

  private BatchResults() {}

  /** As {@link #answer}, for actions that build each item's fields as a tree. */
  static VaultResponse run(BatchRequest request, Function<JsonObject, JsonObject> action) {
    return answer(request, item -> ItemAnswer.tree(action.apply(item)));
  }

  /** Runs {@code action} over the request's items on the calling thread. */
  static VaultResponse answer(BatchRequest request, Function<JsonObject, ItemAnswer> action) {
    if (!request.batch()) {
      return VaultResponse.data(action.apply(request.body()).toJson());
    }
    Part part = part(request.items(), action);
    return respond(request, List.of(part));
  }

  /**
   * As {@link #answer}, with the items of a batch of {@link #OFF_LOOP_ITEMS} or more split into
   * chunks run in parallel on Vert.x's worker pool (where transit's other CPU-bound work, RSA and
   * signing, runs too). Each chunk gets its own action from {@code newAction} (which may keep
   * per-chunk state and must be safe to run on any thread); {@code after} then sees each action on
   * the calling (event-loop) thread, in input order, before the answer is built: the place for work
   * that belongs on the loop, such as counting.
   */
  static <A extends Function<JsonObject, ItemAnswer>> Future<VaultResponse> run(
      BatchRequest request, Vertx vertx, Supplier<A> newAction, Consumer<A> after) {
    List<JsonObject> items = request.items();
    if (!request.batch() || items.size() < OFF_LOOP_ITEMS) {
      A action = newAction.get();
      try {
        return Future.succeededFuture(answer(request, action));
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
    // join, not all: the chunks that did run are counted even when another one failed, as the
    // small-batch path counts before it fails.
    return Future.join(chunks)
        .transform(
            all -> {
              List<Part> parts = new ArrayList<>(chunks.size());
              Throwable failure = null;
              for (Future<Done<A>> chunk : chunks) {
                if (chunk.failed()) {
                  failure = failure == null ? chunk.cause() : failure;
                  continue;
                }
                Done<A> done = chunk.result();
                after.accept(done.action());
                parts.add(done.part());
              }
              return failure == null
                  ? Future.succeededFuture(respond(request, parts))
                  : Future.failedFuture(failure);
            });
  }

  /** The results of some items, in order, and how many of them failed. */
  private record Part(List<ItemResult> results, int failed) {}

  private record Done<A>(Part part, A action) {}

  /**
   * One item's answer and, when the item had one, its {@code reference} (any JSON value, echoed
   * back as given, null included).
   */
  private record ItemResult(ItemAnswer answer, boolean referenced, Object reference) {
    @Override
    public String toString() {
      return "ItemResult[" + answer + "]";
    }

    void write(JsonGenerator out) throws IOException {
      out.writeStartObject();
      answer.writeFields(out);
      if (referenced) {
        out.writeFieldName(REFERENCE);
        JacksonCodec.encodeJson(reference, out);
      }
      out.writeEndObject();
    }

    JsonObject toJson() {
      JsonObject out = answer.toJson();
      if (referenced) {
        out.put("reference", reference);
      }
      return out;
    }
  }

  private static Part part(List<JsonObject> items, Function<JsonObject, ItemAnswer> action) {
    List<ItemResult> results = new ArrayList<>(items.size());
    int failed = 0;
    for (JsonObject item : items) {
      ItemAnswer answer;
      try {
        answer = action.apply(item);
      } catch (ApiError e) {
        failed++;
        answer = ItemAnswer.error(String.join("; ", e.messages()));
      }
      boolean referenced = item.containsKey("reference");
      results.add(
          new ItemResult(answer, referenced, referenced ? item.getValue("reference") : null));
    }
    return new Part(results, failed);
  }

  private static VaultResponse respond(BatchRequest request, List<Part> parts) {
    List<ItemResult> results;
    if (parts.size() == 1) {
      results = parts.get(0).results();
    } else {
      results = new ArrayList<>(request.items().size());
      for (Part part : parts) {
        results.addAll(part.results());
      }
    }
    int failed = parts.stream().mapToInt(Part::failed).sum();
    VaultResponse response = VaultResponse.streamedData(new Answers(results));
    if (failed == 0) {
      return response;
    }
    if (failed == results.size() || request.partialFailureCode() == null) {
      return response.withStatus(400);
    }
    return response.withStatus(request.partialFailureCode());
  }

  /** {@code {"batch_results":[...]}}, written item by item into the response body. */
  private record Answers(List<ItemResult> results) implements StreamedJson {
    @Override
    public void write(JsonGenerator out) throws IOException {
      out.writeStartObject();
      out.writeFieldName(BATCH_RESULTS);
      out.writeStartArray();
      for (ItemResult result : results) {
        result.write(out);
      }
      out.writeEndArray();
      out.writeEndObject();
    }

    @Override
    public JsonObject toJson() {
      List<Object> tree = new ArrayList<>(results.size());
      for (ItemResult result : results) {
        tree.add(result.toJson());
      }
      return new JsonObject().put("batch_results", new JsonArray(tree));
    }

    @Override
    public int sizeHint() {
      int bytes = 32;
      for (ItemResult result : results) {
        bytes += result.answer().sizeHint() + (result.referenced() ? 64 : 4);
      }
      return bytes;
    }

    // The answers hold plaintexts (decrypt): never print them.
    @Override
    public String toString() {
      return "Answers[" + results.size() + " item(s), REDACTED]";
    }
  }
}
