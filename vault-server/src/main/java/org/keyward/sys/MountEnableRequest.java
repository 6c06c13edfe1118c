package org.keyward.sys;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/**
 * A validated {@code POST sys/mounts/:path} body: the normalized path (trailing slash), the engine
 * type and its options and TTLs (seconds, 0 for the system default).
 */
public record MountEnableRequest(
    String path,
    String type,
    String description,
    Map<String, String> options,
    long defaultLeaseTtl,
    long maxLeaseTtl) {

  public MountEnableRequest {
    path = MountPaths.normalize(path);
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
    options = Map.copyOf(options);
    if (defaultLeaseTtl < 0 || maxLeaseTtl < 0) {
      throw ApiError.badRequest("lease TTLs must not be negative");
    }
    if (maxLeaseTtl > 0 && defaultLeaseTtl > maxLeaseTtl) {
      throw ApiError.badRequest("default_lease_ttl must not exceed max_lease_ttl");
    }
  }

  /**
   * The request to mount {@code pathPrefix} plus the {@code path} parameter ({@code auth/} for an
   * auth method, empty for a secrets engine).
   */
  public static MountEnableRequest from(RequestContext request, String pathPrefix) {
    JsonObject body = request.body();
    JsonObject config = Fields.object(body, "config");
    if (config == null) {
      config = new JsonObject();
    }
    return new MountEnableRequest(
        pathPrefix + MountPaths.normalize(request.param("path")),
        Fields.requiredString(body, "type").trim(),
        Fields.string(body, "description", ""),
        options(body),
        MountTuneRequest.ttl(config, "default_lease_ttl", 0),
        MountTuneRequest.ttl(config, "max_lease_ttl", 0));
  }

  /** The {@code options} object with every value as a string (kv's version may come as 2). */
  static Map<String, String> options(JsonObject body) {
    JsonObject options = Fields.object(body, "options");
    Map<String, String> out = new LinkedHashMap<>();
    if (options == null) {
      return out;
    }
    for (String name : options.fieldNames()) {
      out.put(name, Fields.string(options, name, ""));
    }
    return out;
  }
}
