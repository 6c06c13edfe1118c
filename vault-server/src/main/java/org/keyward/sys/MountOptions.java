package org.keyward.sys;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keyward.http.ApiError;

/** Backend options the mount table itself enforces: kv is served as version 2 only. */
final class MountOptions {
  private MountOptions() {}

  /** {@code options} with kv's version defaulted to 2; 400 for any other kv version. */
  static Map<String, String> normalize(String type, Map<String, String> options) {
    Map<String, String> out = new LinkedHashMap<>(options);
    if (type.equals("kv")) {
      String version = out.getOrDefault("version", "2").trim();
      if (!version.equals("2")) {
        throw ApiError.badRequest("only kv version 2 is supported; set options.version to 2");
      }
      out.put("version", "2");
    }
    return out;
  }
}
