package org.keyward.compliance;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CycloneDX SBOM the build put in the jar ({@code META-INF/sbom/vault-server.cdx.json}, made by
 * {@code cyclonedx-maven-plugin}), served as is at {@code sys/sbom} and summarised in the report.
 */
public final class Sbom {
  /** Where the build puts the server's SBOM on the class path. */
  public static final String RESOURCE = "META-INF/sbom/vault-server.cdx.json";

  private final Buffer json;

  private Sbom(Buffer json) {
    this.json = json;
  }

  /**
   * The SBOM from the class path; empty in a build that did not make one. Blocking: reads a jar.
   */
  public static Optional<Sbom> load() {
    try (InputStream in = Sbom.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new Sbom(Buffer.buffer(in.readAllBytes())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Buffer json() {
    return json.copy();
  }

  /** Component count, the count per licence, spec version and the main component's version. */
  public JsonObject summary() {
    JsonObject bom = new JsonObject(json);
    JsonArray components = bom.getJsonArray("components", new JsonArray());
    Map<String, Integer> licences = new TreeMap<>();
    for (Object o : components) {
      JsonObject c = (JsonObject) o;
      JsonArray ls = c.getJsonArray("licenses", new JsonArray());
      if (ls.isEmpty()) {
        licences.merge("unknown", 1, Integer::sum);
      }
      for (Object l : ls) {
        licences.merge(licenceName((JsonObject) l), 1, Integer::sum);
      }
    }
    JsonObject byLicence = new JsonObject();
    licences.forEach(byLicence::put);
    JsonObject main =
        bom.getJsonObject("metadata", new JsonObject())
            .getJsonObject("component", new JsonObject());
    return new JsonObject()
        .put("format", "CycloneDX " + bom.getString("specVersion", "?"))
        .put("component", main.getString("name"))
        .put("version", main.getString("version"))
        .put("components", components.size())
        .put("licences", byLicence);
  }

  private static String licenceName(JsonObject entry) {
    if (entry.containsKey("expression")) {
      return entry.getString("expression");
    }
    JsonObject l = entry.getJsonObject("license", new JsonObject());
    String id = l.getString("id");
    return id != null ? id : l.getString("name", "unknown");
  }
}
