package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the compliance report: every section provider in order, against the stored key policy, at
 * one instant; then the signature over its canonical form ({@link ReportSigner}). A section that
 * fails to build makes the whole report fail (503 at the edge) rather than pass silently.
 */
public final class ComplianceReport {
  /** The report format; the client's verifier checks it. */
  public static final String FORMAT = "keyward-compliance-report/1";

  private final List<ReportSection> sections;
  private final ComplianceStore store;
  private final ReportSigner signer;
  private final JsonObject server;
  private final Clock clock;

  /**
   * @param server the version, build and cluster the report is about
   */
  public ComplianceReport(
      List<ReportSection> sections,
      ComplianceStore store,
      ReportSigner signer,
      JsonObject server,
      Clock clock) {
    this.sections = List.copyOf(sections);
    this.store = store;
    this.signer = signer;
    this.server = server.copy();
    this.clock = clock;
  }

  /** The unsigned report. */
  public Future<JsonObject> build() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return store
        .policy()
        .compose(
            policy -> {
              ReportSection.Input in = new ReportSection.Input(policy, now);
              List<Future<Section>> built = new ArrayList<>();
              sections.forEach(s -> built.add(s.build(in)));
              return Future.all(built).map(all -> assemble(now, policy, built));
            });
  }

  /** The report and its signature: {@code {"report": ..., "signature": ...}}. */
  public Future<JsonObject> signed() {
    return build()
        .compose(
            report ->
                signer
                    .sign(CanonicalJson.bytes(report))
                    .map(sig -> new JsonObject().put("report", report).put("signature", sig)));
  }

  private JsonObject assemble(Instant now, KeyPolicy policy, List<Future<Section>> built) {
    JsonArray out = new JsonArray();
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    Status overall = Status.OK;
    for (Future<Section> f : built) {
      Section s = f.result();
      out.add(s.toJson());
      counts.merge(s.status(), 1, Integer::sum);
      overall = overall.worst(s.status());
    }
    JsonObject summary = new JsonObject();
    for (Status s : Status.values()) {
      summary.put(s.name().toLowerCase(Locale.ROOT), counts.getOrDefault(s, 0));
    }
    return new JsonObject()
        .put("format", FORMAT)
        .put("generated_at", now.toString())
        .put("server", server)
        .put("status", overall.wire())
        .put("sections_by_status", summary)
        .put("key_policy", policy.toJson())
        .put("sections", out);
  }
}
