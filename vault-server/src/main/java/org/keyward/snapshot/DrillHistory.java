package org.keyward.snapshot;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.keyward.view.StorageView;

/**
 * The results of restore drills, kept in the barrier (one entry per drill, named by its start time)
 * so an auditor can see when the last successful restore test ran, also after a restart. The oldest
 * are dropped beyond {@link #KEEP}.
 */
public final class DrillHistory {
  static final int KEEP = 100;

  private final StorageView view;

  public DrillHistory(StorageView view) {
    this.view = view;
  }

  /** Stores {@code result} (which has a {@code started} field, an ISO instant). */
  public Future<Void> record(JsonObject result) {
    String key = result.getString("started").replace(':', '-');
    return view.put(key, result.encode().getBytes(StandardCharsets.UTF_8))
        .compose(v -> view.list(""))
        .compose(
            keys -> {
              List<String> sorted = new ArrayList<>(keys);
              sorted.sort(Comparator.naturalOrder());
              List<Future<Void>> deletes = new ArrayList<>();
              for (int i = 0; i < sorted.size() - KEEP; i++) {
                deletes.add(view.delete(sorted.get(i)));
              }
              return Future.all(deletes).mapEmpty();
            });
  }

  /** Every stored result, newest first. */
  public Future<JsonArray> list() {
    return view.list("")
        .compose(
            keys -> {
              List<String> sorted = new ArrayList<>(keys);
              sorted.sort(Comparator.reverseOrder());
              List<Future<JsonObject>> reads = new ArrayList<>();
              for (String key : sorted) {
                reads.add(
                    view.get(key)
                        .map(
                            b ->
                                b.map(
                                        bytes ->
                                            new JsonObject(
                                                new String(bytes, StandardCharsets.UTF_8)))
                                    .orElse(null)));
              }
              return Future.all(reads)
                  .map(
                      all -> {
                        JsonArray out = new JsonArray();
                        for (int i = 0; i < all.size(); i++) {
                          if (all.resultAt(i) != null) {
                            out.add(all.resultAt(i));
                          }
                        }
                        return out;
                      });
            });
  }
}
