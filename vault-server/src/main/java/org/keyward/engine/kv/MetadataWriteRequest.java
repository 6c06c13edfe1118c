package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A validated {@code metadata/:path} POST or PATCH; each setting is null when the request leaves it
 * unchanged.
 *
 * @param merge a PATCH: {@code custom_metadata} is merged (null values remove keys), not replaced
 */
record MetadataWriteRequest(
    SecretPath path,
    Long maxVersions,
    Boolean casRequired,
    Long deleteVersionAfterSeconds,
    Map<String, String> customMetadata,
    boolean merge) {

  static MetadataWriteRequest fromWrite(RequestContext request) {
    return from(request, false);
  }

  static MetadataWriteRequest fromPatch(RequestContext request) {
    DataWriteRequest.requireMergePatch(request);
    return from(request, true);
  }

  private static MetadataWriteRequest from(RequestContext request, boolean merge) {
    SecretPath path = SecretPath.from(request);
    JsonObject body = request.body();
    return new MetadataWriteRequest(
        path,
        RequestNumbers.optional(body, "max_versions"),
        body.getValue("cas_required") == null ? null : Fields.bool(body, "cas_required", false),
        body.getValue("delete_version_after") == null
            ? null
            : Fields.durationSeconds(body, "delete_version_after", 0),
        CustomMetadata.read(body, merge),
        merge);
  }

  /** The settings after this request. */
  MetadataSettings applyTo(MetadataSettings old) {
    Map<String, String> custom = old.customMetadata();
    if (customMetadata != null) {
      custom = merge ? CustomMetadata.merge(custom, customMetadata) : customMetadata;
    }
    return new MetadataSettings(
        casRequired == null ? old.casRequired() : casRequired,
        maxVersions == null ? old.maxVersions() : maxVersions,
        deleteVersionAfterSeconds == null
            ? old.deleteVersionAfterSeconds()
            : deleteVersionAfterSeconds,
        custom);
  }
}
