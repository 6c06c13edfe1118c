package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata of a KV v2 secret ({@code metadata/<path>}): current and oldest version, the
 * settings, custom metadata and every kept version. Holds no secret values.
 */
public record KvMetadata(
    long currentVersion,
    long oldestVersion,
    int maxVersions,
    boolean casRequired,
    String deleteVersionAfter,
    Map<String, String> customMetadata,
    List<KvVersion> versions) {
  public KvMetadata {
    customMetadata = Map.copyOf(customMetadata);
    versions = List.copyOf(versions);
  }

  static KvMetadata from(JsonNode d) {
    Map<String, String> custom = new LinkedHashMap<>();
    d.path("custom_metadata")
        .fields()
        .forEachRemaining(e -> custom.put(e.getKey(), e.getValue().asText()));
    List<KvVersion> versions = new ArrayList<>();
    d.path("versions")
        .fields()
        .forEachRemaining(
            e -> {
              KvVersion v = KvVersion.from(e.getValue());
              versions.add(
                  new KvVersion(
                      Long.parseLong(e.getKey()),
                      v.createdTime(),
                      v.deletionTime(),
                      v.destroyed()));
            });
    versions.sort((a, b) -> Long.compare(a.version(), b.version()));
    return new KvMetadata(
        d.path("current_version").asLong(0),
        d.path("oldest_version").asLong(0),
        d.path("max_versions").asInt(0),
        d.path("cas_required").asBoolean(false),
        d.path("delete_version_after").asText("0s"),
        custom,
        versions);
  }
}
