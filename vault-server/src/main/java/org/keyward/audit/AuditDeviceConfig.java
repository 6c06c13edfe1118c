package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;

/**
 * One device as enabled through {@code sys/audit/:path}, persisted behind the barrier so it comes
 * back after a restart with the same HMAC key (old {@code hmac-sha256:} values stay checkable).
 * {@link #toString()} never shows the key.
 *
 * @param path with trailing slash, e.g. {@code file/}
 * @param type {@code file} or {@code socket}
 */
public record AuditDeviceConfig(
    String path, String type, String description, Map<String, String> options, byte[] hmacKey) {
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}/");

  public AuditDeviceConfig {
    if (path == null || !PATH.matcher(path).matches()) {
      throw ApiError.badRequest("audit path must be letters, digits, '_', '.' or '-'");
    }
    if (!"file".equals(type) && !"socket".equals(type)) {
      throw ApiError.badRequest("audit type must be 'file' or 'socket'");
    }
    description = description == null ? "" : description;
    options = Map.copyOf(options);
    hmacKey = Objects.requireNonNull(hmacKey, "hmacKey").clone();
  }

  /** The device path for a {@code :path} parameter: {@code file} and {@code file/} are the same. */
  public static String normalizePath(String raw) {
    return raw.endsWith("/") ? raw : raw + "/";
  }

  @Override
  public byte[] hmacKey() {
    return hmacKey.clone();
  }

  /** As listed by {@code GET sys/audit}: no key. */
  public JsonObject publicJson() {
    return new JsonObject()
        .put("type", type)
        .put("description", description)
        .put("options", new JsonObject(Map.copyOf(new TreeMap<String, Object>(options))))
        .put("local", false)
        .put("path", path);
  }

  /** The stored form, key included (the barrier encrypts it). */
  JsonObject storedJson() {
    return publicJson().put("hmac_key", Base64.getEncoder().encodeToString(hmacKey));
  }

  static AuditDeviceConfig fromStored(JsonObject json) {
    Map<String, String> options = new TreeMap<>();
    json.getJsonObject("options", new JsonObject())
        .forEach(e -> options.put(e.getKey(), String.valueOf(e.getValue())));
    return new AuditDeviceConfig(
        json.getString("path"),
        json.getString("type"),
        json.getString("description"),
        options,
        Base64.getDecoder().decode(json.getString("hmac_key")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditDeviceConfig c
        && c.path.equals(path)
        && c.type.equals(type)
        && c.description.equals(description)
        && c.options.equals(options)
        && java.util.Arrays.equals(c.hmacKey, hmacKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, type, description, options);
  }

  @Override
  public String toString() {
    return "AuditDeviceConfig[" + path + " " + type + " " + options + ", key REDACTED]";
  }
}
