package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.keyward.view.StorageView;

/**
 * What the report keeps in the barrier (its own view): the key policy and the dates KEK versions
 * were made or first seen (the HSM records no creation date). Writes are last-writer-wins: the
 * policy is replaced whole by its sudo route, and a date once recorded is never changed.
 */
public final class ComplianceStore {
  private static final String POLICY = "key-policy";
  private static final String KEK_DATES = "kek-dates";

  private final StorageView view;

  public ComplianceStore(StorageView view) {
    this.view = view;
  }

  /** The stored policy, or {@link KeyPolicy#DEFAULT} when none was written. */
  public Future<KeyPolicy> policy() {
    return view.get(POLICY)
        .map(o -> o.map(b -> KeyPolicy.fromJson(json(b))).orElse(KeyPolicy.DEFAULT));
  }

  public Future<Void> putPolicy(KeyPolicy policy) {
    return view.put(POLICY, bytes(policy.toJson()));
  }

  /**
   * The recorded date of each KEK version, after recording {@code now} for any of {@code versions}
   * not yet known ({@code rotated}: the version was made just now, else first seen).
   */
  public Future<Map<Integer, KekDate>> kekDates(
      List<Integer> versions, Instant now, boolean rotated) {
    return view.get(KEK_DATES)
        .compose(
            found -> {
              JsonObject dates = found.map(ComplianceStore::json).orElseGet(JsonObject::new);
              boolean changed = false;
              for (int v : versions) {
                if (!dates.containsKey(Integer.toString(v))) {
                  dates.put(
                      Integer.toString(v),
                      new JsonObject().put("at", now.toString()).put("created", rotated));
                  changed = true;
                }
              }
              Map<Integer, KekDate> out = new TreeMap<>();
              for (String k : dates.fieldNames()) {
                JsonObject d = dates.getJsonObject(k);
                out.put(
                    Integer.valueOf(k),
                    new KekDate(Instant.parse(d.getString("at")), d.getBoolean("created", false)));
              }
              return changed
                  ? view.put(KEK_DATES, bytes(dates)).map(out)
                  : Future.succeededFuture(out);
            });
  }

  /** When a KEK version was made ({@code created}) or, if made before Keyward recorded it, seen. */
  public record KekDate(Instant at, boolean created) {}

  private static JsonObject json(byte[] b) {
    return new JsonObject(new String(b, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(JsonObject j) {
    return j.toBuffer().getBytes();
  }
}
