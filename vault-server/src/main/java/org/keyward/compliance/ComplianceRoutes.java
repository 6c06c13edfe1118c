package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The NIS2 evidence paths under {@code sys/}: the key-age policy ({@code config/key-policy}, sudo),
 * the compliance report ({@code compliance/report}, {@code read}; {@code ?format=html} for the
 * printable page) and the SBOM ({@code sbom}, sudo, as raw CycloneDX JSON).
 */
public final class ComplianceRoutes {
  static final String CYCLONEDX_JSON = "application/vnd.cyclonedx+json";

  private final ComplianceStore store;
  private final ComplianceReport report;
  private final Future<Optional<Sbom>> sbom;

  public ComplianceRoutes(
      ComplianceStore store, ComplianceReport report, Future<Optional<Sbom>> sbom) {
    this.store = store;
    this.report = report;
    this.sbom = sbom;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("config/key-policy", ComplianceRoutes::none, this::readPolicy)
            .requiringSudo(),
        Operation.write("config/key-policy", ComplianceRoutes::policyBody, this::writePolicy)
            .requiringSudo(),
        Operation.read("compliance/report", ReportFormat::from, this::report),
        Operation.read("sbom", ComplianceRoutes::none, this::sbom).requiringSudo());
  }

  /** The report's two renderings. */
  enum ReportFormat {
    JSON,
    HTML;

    static ReportFormat from(RequestContext request) {
      String f = request.query("format");
      if (f == null || f.isEmpty() || f.equals("json")) {
        return JSON;
      }
      if (f.equals("html")) {
        return HTML;
      }
      throw ApiError.badRequest("format must be json or html");
    }
  }

  /** The validated write: the policy fields given, checked against the defaults for shape. */
  record PolicyWrite(JsonObject body) {}

  private static PolicyWrite policyBody(RequestContext request) {
    JsonObject body = request.body();
    // Shape and ranges are checked here, before authentication; the merge repeats it on the
    // stored policy.
    KeyPolicy.DEFAULT.merge(body);
    return new PolicyWrite(body.copy());
  }

  private static Void none(RequestContext request) {
    return null;
  }

  private Future<VaultResponse> readPolicy(Void none, RequestContext request) {
    return store.policy().map(p -> VaultResponse.sysData(p.toJson()));
  }

  private Future<VaultResponse> writePolicy(PolicyWrite in, RequestContext request) {
    return store
        .policy()
        .map(current -> current.merge(in.body()))
        .compose(store::putPolicy)
        .map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> report(ReportFormat format, RequestContext request) {
    if (format == ReportFormat.HTML) {
      return report
          .signed()
          .map(
              signed ->
                  VaultResponse.raw(
                      200,
                      "text/html; charset=utf-8",
                      Buffer.buffer(HtmlReport.render(signed).getBytes(StandardCharsets.UTF_8))));
    }
    return report.signed().map(VaultResponse::data);
  }

  private Future<VaultResponse> sbom(Void none, RequestContext request) {
    return sbom.map(
        found ->
            found
                .map(b -> VaultResponse.raw(200, CYCLONEDX_JSON, b.json()))
                .orElseThrow(() -> ApiError.notFound("this build carries no SBOM")));
  }
}
