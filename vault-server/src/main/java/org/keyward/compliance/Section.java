package org.keyward.compliance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One section of the compliance report: the NIS2 Art. 21(2) measure it serves, the facts found, the
 * policy they are held against and the findings. Its status is the worst finding's ({@code ok}
 * without findings).
 *
 * @param id stable key, e.g. {@code cryptography}
 * @param measure e.g. {@code Art. 21(2)(h)}
 */
public record Section(
    String id,
    String title,
    String measure,
    JsonObject facts,
    JsonObject policy,
    List<Finding> findings) {

  public Section {
    findings = List.copyOf(findings);
  }

  public Status status() {
    Status s = Status.OK;
    for (Finding f : findings) {
      s = s.worst(f.status());
    }
    return s;
  }

  JsonObject toJson() {
    JsonArray items = new JsonArray();
    findings.forEach(f -> items.add(f.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("measure", measure)
        .put("status", status().wire())
        .put("facts", facts)
        .put("policy", policy)
        .put("findings", items);
  }
}
