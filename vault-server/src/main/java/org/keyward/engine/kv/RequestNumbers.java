package org.keyward.engine.kv;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.keyward.http.ApiError;

/** Reads the integers KV requests carry, which Vault also accepts as decimal strings. */
final class RequestNumbers {
  private RequestNumbers() {}

  /** A whole number {@code >= 0} from a JSON number or decimal string; 400 naming the field. */
  static long nonNegative(Object value, String field) {
    long n;
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > Long.MAX_VALUE) {
        throw invalid(field);
      }
      n = number.longValue();
    } else if (value instanceof String s) {
      try {
        n = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw invalid(field);
      }
    } else {
      throw invalid(field);
    }
    if (n < 0) {
      throw invalid(field);
    }
    return n;
  }

  /** An optional non-negative field of {@code body}; null when absent. */
  static Long optional(JsonObject body, String field) {
    Object v = body.getValue(field);
    return v == null ? null : nonNegative(v, field);
  }

  /**
   * Vault's comma-int-slice: {@code [1,2]}, {@code ["1","2"]}, {@code "1,2"} or {@code 1}. Empty or
   * absent is Vault's {@code no version number provided}.
   */
  static List<Long> versions(JsonObject body) {
    Object v = body.getValue("versions");
    List<Long> out = new ArrayList<>();
    if (v instanceof JsonArray array) {
      for (Object item : array) {
        out.add(nonNegative(item, "versions"));
      }
    } else if (v instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(nonNegative(part, "versions"));
        }
      }
    } else if (v != null) {
      out.add(nonNegative(v, "versions"));
    }
    if (out.isEmpty()) {
      throw ApiError.badRequest("no version number provided");
    }
    return out;
  }

  private static ApiError invalid(String field) {
    return ApiError.badRequest("field '" + field + "' must be a non-negative integer");
  }
}
