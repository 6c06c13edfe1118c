package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/** The validated bodies of the {@code sys/audit*} requests (shape only, no state). */
final class AuditRequests {
  private AuditRequests() {}

  /** {@code PUT sys/audit/:path} {@code {"type":..., "description":..., "options":{...}}}. */
  record Enable(String path, String type, String description, Map<String, String> options) {
    static Enable from(RequestContext request) {
      JsonObject body = request.body();
      String type = Fields.requiredString(body, "type");
      JsonObject raw = Fields.object(body, "options");
      Map<String, String> options = new TreeMap<>();
      if (raw != null) {
        for (Map.Entry<String, Object> e : raw) {
          Object v = e.getValue();
          if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
            throw ApiError.badRequest("option '" + e.getKey() + "' must be a string");
          }
          options.put(e.getKey(), String.valueOf(v));
        }
      }
      return new Enable(
          AuditDeviceConfig.normalizePath(request.param("path")),
          type,
          Fields.string(body, "description", ""),
          options);
    }
  }

  record Path(String path) {
    static Path from(RequestContext request) {
      return new Path(AuditDeviceConfig.normalizePath(request.param("path")));
    }
  }

  /** {@code POST sys/audit-hash/:path} {@code {"input": "..."}}. */
  record Hash(String path, String input) {
    static Hash from(RequestContext request) {
      Object input = request.body().getValue("input");
      if (input == null) {
        throw ApiError.badRequest("missing required field 'input'");
      }
      return new Hash(
          AuditDeviceConfig.normalizePath(request.param("path")),
          Fields.string(request.body(), "input", ""));
    }

    @Override
    public String toString() {
      return "Hash[" + path + ", REDACTED]";
    }
  }

  /** {@code POST sys/audit-verify} {@code {"path": "file/"}}. */
  record Verify(String path) {
    static Verify from(RequestContext request) {
      return new Verify(
          AuditDeviceConfig.normalizePath(Fields.requiredString(request.body(), "path")));
    }
  }
}
