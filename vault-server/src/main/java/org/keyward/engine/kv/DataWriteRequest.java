package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.OptionalLong;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;

/**
 * A validated {@code data/:path} write or patch: {@code {"options":{"cas":N},"data":{...}}}. The
 * data is a {@link SecretData}, so this record prints no secret.
 */
record DataWriteRequest(SecretPath path, OptionalLong cas, SecretData data) {
  static final String MERGE_PATCH = "application/merge-patch+json";

  static DataWriteRequest from(RequestContext request) {
    SecretPath path = SecretPath.from(request);
    JsonObject body = request.body();
    OptionalLong cas = cas(body);
    Object data = body.getValue("data");
    if (data == null) {
      throw ApiError.badRequest("no data provided");
    }
    if (!(data instanceof JsonObject object)) {
      throw ApiError.badRequest("field 'data' must be a JSON object");
    }
    return new DataWriteRequest(path, cas, new SecretData(object));
  }

  /** As {@link #from} after Vault's check that a PATCH is a JSON merge patch (else 415). */
  static DataWriteRequest fromPatch(RequestContext request) {
    requireMergePatch(request);
    return from(request);
  }

  /** 415 unless the request's media type is {@value #MERGE_PATCH}, as Vault's HTTP layer does. */
  static void requireMergePatch(RequestContext request) {
    String header = request.header("Content-Type");
    String type = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals(MERGE_PATCH)) {
      String shown = type.length() > 100 ? type.substring(0, 100) : type;
      throw ApiError.of(
          415, "PATCH requires Content-Type of " + MERGE_PATCH + ", provided " + shown);
    }
  }

  private static OptionalLong cas(JsonObject body) {
    Object options = body.getValue("options");
    if (options == null) {
      return OptionalLong.empty();
    }
    if (!(options instanceof JsonObject object)) {
      throw ApiError.badRequest("field 'options' must be a JSON object");
    }
    Object cas = object.getValue("cas");
    if (cas == null) {
      return OptionalLong.empty();
    }
    long value = RequestNumbers.nonNegative(cas, "options.cas");
    return OptionalLong.of(value);
  }
}
