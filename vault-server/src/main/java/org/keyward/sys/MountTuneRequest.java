package org.keyward.sys;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.keyward.engine.MountEntry;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A validated {@code POST sys/mounts/:path/tune} body; each field is null when not given, so only
 * what the caller named changes. TTLs are seconds; {@code "system"} means 0, the system default.
 */
public record MountTuneRequest(
    String path,
    String description,
    Long defaultLeaseTtl,
    Long maxLeaseTtl,
    Map<String, String> options) {

  public MountTuneRequest {
    path = MountPaths.normalize(path);
    options = options == null ? null : Map.copyOf(options);
  }

  /** As {@link MountEnableRequest#from}: the mount is {@code pathPrefix} plus the parameter. */
  public static MountTuneRequest from(RequestContext request, String pathPrefix) {
    JsonObject body = request.body();
    return new MountTuneRequest(
        pathPrefix + MountPaths.normalize(request.param("path")),
        Fields.string(body, "description", null),
        body.containsKey("default_lease_ttl") ? ttl(body, "default_lease_ttl", 0) : null,
        body.containsKey("max_lease_ttl") ? ttl(body, "max_lease_ttl", 0) : null,
        body.containsKey("options") ? MountEnableRequest.options(body) : null);
  }

  /** {@code entry} with this tuning applied; 400 if the TTLs end up inconsistent. */
  MountEntry applyTo(MountEntry entry) {
    long def = defaultLeaseTtl == null ? entry.defaultLeaseTtl() : defaultLeaseTtl;
    long max = maxLeaseTtl == null ? entry.maxLeaseTtl() : maxLeaseTtl;
    if (max > 0 && def > max) {
      throw ApiError.badRequest("default_lease_ttl must not exceed max_lease_ttl");
    }
    java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(entry.options());
    if (options != null) {
      merged.putAll(options);
    }
    return new MountEntry(
        entry.path(),
        entry.type(),
        entry.uuid(),
        entry.accessor(),
        description == null ? entry.description() : description,
        merged,
        def,
        max);
  }

  static long ttl(JsonObject body, String name, long fallback) {
    Object v = body.getValue(name);
    if (v instanceof String s && (s.equals("system") || s.isEmpty())) {
      return 0;
    }
    return Fields.durationSeconds(body, name, fallback);
  }
}
