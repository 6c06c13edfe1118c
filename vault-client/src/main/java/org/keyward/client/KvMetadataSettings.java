package org.keyward.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings written to {@code metadata/<path>}; an empty field leaves the stored setting as it is.
 */
public record KvMetadataSettings(
    Optional<Integer> maxVersions,
    Optional<Boolean> casRequired,
    Optional<Duration> deleteVersionAfter,
    Optional<Map<String, String>> customMetadata) {
  public static KvMetadataSettings none() {
    return new KvMetadataSettings(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public KvMetadataSettings maxVersions(int n) {
    return new KvMetadataSettings(Optional.of(n), casRequired, deleteVersionAfter, customMetadata);
  }

  public KvMetadataSettings casRequired(boolean required) {
    return new KvMetadataSettings(
        maxVersions, Optional.of(required), deleteVersionAfter, customMetadata);
  }

  public KvMetadataSettings deleteVersionAfter(Duration d) {
    return new KvMetadataSettings(maxVersions, casRequired, Optional.of(d), customMetadata);
  }

  public KvMetadataSettings customMetadata(Map<String, String> custom) {
    return new KvMetadataSettings(
        maxVersions, casRequired, deleteVersionAfter, Optional.of(Map.copyOf(custom)));
  }

  ObjectNode toJson(ObjectMapper json) {
    ObjectNode body = json.createObjectNode();
    maxVersions.ifPresent(n -> body.put("max_versions", n));
    casRequired.ifPresent(b -> body.put("cas_required", b));
    deleteVersionAfter.ifPresent(d -> body.put("delete_version_after", d.toSeconds() + "s"));
    customMetadata.ifPresent(m -> body.set("custom_metadata", json.valueToTree(m)));
    return body;
  }
}
