package org.keyward.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints answers as the {@code vault} CLI does: a two-column {@code Key / Value} table (or a
 * one-column {@code Keys} list) by default, pretty JSON with {@code -format=json}.
 */
final class Output {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, String format) {
    this.out = out;
    this.json = format.equals("json");
  }

  boolean json() {
    return json;
  }

  /** {@code value} as JSON, or (table) its fields as rows. */
  void record(Map<String, ?> value) {
    if (json) {
      printJson(value);
    } else {
      table(value);
    }
  }

  void node(JsonNode node) {
    if (json) {
      printJson(node);
    } else if (node.isObject()) {
      table(JSON.convertValue(node, Map.class));
    } else {
      out.println(node.isTextual() ? node.asText() : node.toString());
    }
  }

  void keys(List<String> keys) {
    if (json) {
      printJson(keys);
      return;
    }
    out.println("Keys");
    out.println("----");
    keys.forEach(out::println);
    out.flush();
  }

  /** A titled section, as {@code vault kv get} shows metadata and data. */
  void section(String title, Map<String, ?> rows) {
    String bar = "=".repeat(Math.max(6, (28 - title.length()) / 2));
    out.println(bar + " " + title + " " + bar);
    table(rows);
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  void printJson(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  void table(Map<String, ?> rows) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"Key", "Value"});
    lines.add(new String[] {"---", "-----"});
    rows.forEach((k, v) -> lines.add(new String[] {k, cell(v)}));
    columns(lines);
  }

  /** Rows of cells in left-aligned columns four spaces apart. */
  void columns(List<String[]> rows) {
    int n = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[n];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(width[i] - r[i].length() + 4));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  /** Vault's way: {@code 768h0m0s}, or {@code ∞} for a token that never expires. */
  static String duration(java.time.Duration d) {
    if (d.isZero()) {
      return "∞";
    }
    return d.toHours() + "h" + d.toMinutesPart() + "m" + d.toSecondsPart() + "s";
  }

  private static String cell(Object v) {
    if (v == null) {
      return "n/a";
    }
    if (v instanceof Map<?, ?> || v instanceof JsonNode n && n.isContainerNode()) {
      try {
        return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(v);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot render JSON", e);
      }
    }
    if (v instanceof List<?> list) {
      return list.toString();
    }
    if (v instanceof JsonNode n) {
      return n.isNull() ? "n/a" : n.asText();
    }
    return v.toString();
  }
}
