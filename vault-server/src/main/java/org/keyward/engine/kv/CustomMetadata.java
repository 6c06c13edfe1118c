package org.keyward.engine.kv;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keyward.http.ApiError;

/**
 * Vault's limits on a secret's {@code custom_metadata}: at most {@value #MAX_KEYS} keys, keys of 1
 * to {@value #MAX_KEY_BYTES} bytes, values of at most {@value #MAX_VALUE_BYTES} bytes, printable
 * text only. All problems are reported at once, as Vault does.
 */
final class CustomMetadata {
  static final int MAX_KEYS = 64;
  static final int MAX_KEY_BYTES = 128;
  static final int MAX_VALUE_BYTES = 512;
  private static final String PREFIX = "custom_metadata validation failed: ";

  private CustomMetadata() {}

  /**
   * The {@code custom_metadata} object of {@code body} as strings (numbers and booleans as their
   * text); null when absent. A null value is kept only if {@code nullsAllowed} (a merge patch's
   * "remove this key").
   */
  static Map<String, String> read(JsonObject body, boolean nullsAllowed) {
    Object raw = body.getValue("custom_metadata");
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof JsonObject object)) {
      throw ApiError.badRequest("field 'custom_metadata' must be a JSON object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, Object> e : object) {
      Object v = e.getValue();
      if (v == null && nullsAllowed) {
        out.put(e.getKey(), null);
      } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
        out.put(e.getKey(), v.toString());
      } else {
        throw ApiError.badRequest("field 'custom_metadata' must be a JSON object of strings");
      }
    }
    if (!nullsAllowed) {
      checkCount(out, errors);
    }
    out.forEach((k, v) -> checkEntry(k, v, errors));
    if (!errors.isEmpty()) {
      throw ApiError.badRequest(errors);
    }
    return out;
  }

  /** Applies a merge patch (null values remove keys) and checks the key count of the result. */
  static Map<String, String> merge(Map<String, String> current, Map<String, String> patch) {
    Map<String, String> out =
        current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
    patch.forEach(
        (k, v) -> {
          if (v == null) {
            out.remove(k);
          } else {
            out.put(k, v);
          }
        });
    List<String> errors = new ArrayList<>();
    checkCount(out, errors);
    if (!errors.isEmpty()) {
      throw ApiError.badRequest(errors);
    }
    return out;
  }

  private static void checkCount(Map<String, String> map, List<String> errors) {
    if (map.size() > MAX_KEYS) {
      errors.add(
          PREFIX + "payload must contain at most " + MAX_KEYS + " keys, provided " + map.size());
    }
  }

  private static void checkEntry(String key, String value, List<String> errors) {
    int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
    String shownKey = key.length() > MAX_KEY_BYTES ? key.substring(0, MAX_KEY_BYTES) + "..." : key;
    if (keyBytes == 0 || keyBytes > MAX_KEY_BYTES) {
      errors.add(
          PREFIX
              + "length of key \""
              + shownKey
              + "\" is "
              + keyBytes
              + " but must be 0 < len(key) <= "
              + MAX_KEY_BYTES);
    }
    if (!printable(key)) {
      errors.add(PREFIX + "key \"" + shownKey + "\" contains unprintable characters");
    }
    if (value == null) {
      return;
    }
    int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (valueBytes > MAX_VALUE_BYTES) {
      errors.add(
          PREFIX
              + "length of value for key \""
              + shownKey
              + "\" is "
              + valueBytes
              + " but must be <= "
              + MAX_VALUE_BYTES);
    }
    if (!printable(value)) {
      errors.add(PREFIX + "value for key \"" + shownKey + "\" contains unprintable characters");
    }
  }

  private static boolean printable(String s) {
    return s.codePoints().noneMatch(c -> Character.isISOControl(c) || !Character.isDefined(c));
  }
}
