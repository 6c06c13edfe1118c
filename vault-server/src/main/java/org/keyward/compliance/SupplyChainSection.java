package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Art. 21(2)(d) and (e), supply chain and vulnerability handling: the running version and build,
 * and the summary of the SBOM shipped in the jar. A build without an SBOM is failing: the
 * components cannot then be checked against advisories.
 */
public final class SupplyChainSection implements ReportSection {
  private final String version;
  private final String buildDate;
  private final Future<Optional<Sbom>> sbom;

  /**
   * @param sbom the SBOM as loaded once on a worker
   */
  public SupplyChainSection(String version, String buildDate, Future<Optional<Sbom>> sbom) {
    this.version = version;
    this.buildDate = buildDate;
    this.sbom = sbom;
  }

  @Override
  public Future<Section> build(Input in) {
    return sbom.map(this::section);
  }

  private Section section(Optional<Sbom> sbom) {
    JsonObject facts =
        new JsonObject()
            .put("version", version)
            .put("build_date", buildDate)
            .put("sbom", sbom.map(Sbom::summary).orElse(null))
            .put("vulnerability_reporting", "SECURITY.md");
    Finding finding =
        sbom.isPresent()
            ? new Finding(
                "sbom",
                "SBOM",
                Status.OK,
                "CycloneDX SBOM with "
                    + facts.getJsonObject("sbom").getInteger("components")
                    + " components, served at sys/sbom")
            : new Finding("sbom", "SBOM", Status.FAILING, "this build carries no SBOM");
    return new Section(
        "supply_chain",
        "Supply chain and vulnerability handling",
        "Art. 21(2)(d), (e)",
        facts,
        new JsonObject().put("sbom_required", true),
        List.of(finding));
  }
}
