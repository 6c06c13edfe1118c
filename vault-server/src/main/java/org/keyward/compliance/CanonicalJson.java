package org.keyward.compliance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes a report signature covers: the JSON written with object keys sorted (by UTF-16 code
 * units), no whitespace, strings escaped as RFC 8785 does, integers in decimal; fractions are
 * refused so that no number formatting can differ between signer and verifier. The client's {@code
 * report verify} writes the same form from the file it reads.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static byte[] bytes(JsonObject json) {
    StringBuilder out = new StringBuilder();
    write(json, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof JsonObject o) {
      writeObject(o.getMap(), out);
    } else if (value instanceof Map<?, ?> m) {
      writeObject(m, out);
    } else if (value instanceof JsonArray a) {
      writeArray(a, out);
    } else if (value instanceof List<?> l) {
      writeArray(new JsonArray(new ArrayList<>(l)), out);
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      out.append(value);
    } else {
      throw new IllegalArgumentException(
          "not allowed in a signed report: " + value.getClass().getSimpleName());
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put((String) k, v));
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(e.getKey(), out);
      out.append(':');
      write(e.getValue(), out);
    }
    out.append('}');
  }

  private static void writeArray(JsonArray array, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < array.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      write(array.getValue(i), out);
    }
    out.append(']');
  }

  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
