package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/** A validated {@code config} write; each setting is null when left unchanged. */
record ConfigWriteRequest(Long maxVersions, Boolean casRequired, Long deleteVersionAfterSeconds) {
  static ConfigWriteRequest from(RequestContext request) {
    JsonObject body = request.body();
    return new ConfigWriteRequest(
        RequestNumbers.optional(body, "max_versions"),
        body.getValue("cas_required") == null ? null : Fields.bool(body, "cas_required", false),
        body.getValue("delete_version_after") == null
            ? null
            : Fields.durationSeconds(body, "delete_version_after", 0));
  }

  KvConfig applyTo(KvConfig old) {
    return new KvConfig(
        maxVersions == null ? old.maxVersions() : maxVersions,
        casRequired == null ? old.casRequired() : casRequired,
        deleteVersionAfterSeconds == null
            ? old.deleteVersionAfterSeconds()
            : deleteVersionAfterSeconds);
  }
}
