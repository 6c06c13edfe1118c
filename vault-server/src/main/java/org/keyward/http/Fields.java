package org.keyward.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of a request body the way Vault does (numbers may arrive as strings,
 * durations as {@code "1h"} or seconds, lists as arrays or comma-separated strings), failing with a
 * 400 that names the field. Decoders use these instead of JsonObject's casting getters.
 */
public final class Fields {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Fields() {}

  public static String string(JsonObject body, String name, String fallback) {
    Object v = body.getValue(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw invalid(name, "a string");
  }

  public static String requiredString(JsonObject body, String name) {
    String s = string(body, name, null);
    if (s == null || s.isEmpty()) {
      throw ApiError.badRequest("missing required field '" + name + "'");
    }
    return s;
  }

  public static boolean bool(JsonObject body, String name, boolean fallback) {
    Object v = body.getValue(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "true":
        case "1":
          return true;
        case "false":
        case "0":
          return false;
        default:
          break;
      }
    }
    throw invalid(name, "a boolean");
  }

  public static long integer(JsonObject body, String name, long fallback) {
    Object v = body.getValue(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw invalid(name, "an integer");
      }
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw invalid(name, "an integer");
      }
    }
    throw invalid(name, "an integer");
  }

  /** A duration in seconds from {@code 3600}, {@code "3600"}, {@code "1h"} or {@code "1h30m"}. */
  public static long durationSeconds(JsonObject body, String name, long fallback) {
    Object v = body.getValue(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number) {
      long n = integer(body, name, fallback);
      if (n < 0) {
        throw invalid(name, "a non-negative duration");
      }
      return n;
    }
    if (v instanceof String s) {
      long seconds = parseDuration(s.trim());
      if (seconds < 0) {
        throw invalid(name, "a duration such as 90s, 15m or 24h");
      }
      return seconds;
    }
    throw invalid(name, "a duration");
  }

  /** Seconds, or -1 if {@code text} is not a duration. */
  public static long parseDuration(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    Matcher whole = DURATION.matcher(text);
    if (whole.matches() && whole.group(2) == null) {
      return parseLong(whole.group(1));
    }
    Matcher parts = DURATION_PART.matcher(text);
    long total = 0;
    int end = 0;
    while (parts.find()) {
      if (parts.start() != end) {
        return -1;
      }
      end = parts.end();
      long n = parseLong(parts.group(1));
      if (n < 0) {
        return -1;
      }
      long unit;
      switch (parts.group(2)) {
        case "ms":
          unit = 0;
          break;
        case "s":
          unit = 1;
          break;
        case "m":
          unit = 60;
          break;
        case "h":
          unit = 3600;
          break;
        default:
          unit = 86400;
          break;
      }
      total += unit == 0 ? n / 1000 : Math.multiplyExact(n, unit);
    }
    return end == text.length() ? total : -1;
  }

  /** A list of strings from a JSON array or a comma-separated string; empty if absent. */
  public static List<String> stringList(JsonObject body, String name) {
    Object v = body.getValue(name);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.trim().isEmpty()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    if (v instanceof JsonArray array) {
      for (Object item : array) {
        if (!(item instanceof String s)) {
          throw invalid(name, "a list of strings");
        }
        out.add(s);
      }
      return out;
    }
    throw invalid(name, "a list of strings");
  }

  /** A JSON object field, or null if absent. */
  public static JsonObject object(JsonObject body, String name) {
    Object v = body.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonObject o) {
      return o;
    }
    throw invalid(name, "a JSON object");
  }

  /** Standard base64 with padding, as Vault's transit fields; 400 naming the field otherwise. */
  public static byte[] base64(JsonObject body, String name, boolean required) {
    String s = string(body, name, null);
    if (s == null) {
      if (required) {
        throw ApiError.badRequest("missing required field '" + name + "'");
      }
      return null;
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw invalid(name, "valid base64");
    }
  }

  private static long parseLong(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ApiError invalid(String name, String expected) {
    return ApiError.badRequest("field '" + name + "' must be " + expected);
  }
}
