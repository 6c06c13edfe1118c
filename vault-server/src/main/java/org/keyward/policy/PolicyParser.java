package org.keyward.policy;

import com.bertramlabs.plugins.hcl4j.HCLParserException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keyward.http.ApiError;
import org.keyward.http.Capability;

/**
 * Turns a policy's text into rules: Vault's HCL syntax (parsed by hcl4j, sandboxed) or its JSON
 * form ({@code {"path":{"secret/*":{"capabilities":["read"]}}}}). Every failure is a 400 whose
 * message names the problem: syntax errors with line and column, unknown keys or capabilities with
 * the path they are in. Stateless and thread-safe.
 *
 * <p>hcl4j (an HCL2 parser) is lenient where Vault's HCL1 parser is not: it drops stray characters
 * between blocks, accepts an unclosed list, and lifts the attributes of an unclosed block to the
 * top level. The strict checks on the parsed tree (known keys at each level, quoted capability
 * names, at least one rule) catch the cases that would change a rule's meaning; the rest parse as
 * the operator evidently meant. Positions exist only for what hcl4j itself rejects.
 */
final class PolicyParser {
  static final int MAX_POLICY_CHARS = 256 * 1024;

  private static final Set<String> TOP_LEVEL_KEYS = Set.of("path", "name");
  private static final Set<String> UNSUPPORTED_KEYS =
      Set.of(
          "allowed_parameters",
          "denied_parameters",
          "required_parameters",
          "min_wrapping_ttl",
          "max_wrapping_ttl",
          "mfa_methods",
          "control_group");
  private static final Pattern HCL_POSITION = Pattern.compile("line: (\\d+) col: (\\d+)");
  private static final Pattern JSON_POSITION = Pattern.compile("line: (\\d+), column: (\\d+)");
  private static final String PREFIX = "failed to parse policy: ";

  private PolicyParser() {}

  static List<PathRule> parse(String text) {
    if (text == null || text.isBlank()) {
      throw ApiError.badRequest("'policy' parameter not supplied or empty");
    }
    if (text.length() > MAX_POLICY_CHARS) {
      throw ApiError.badRequest(PREFIX + "policy longer than " + MAX_POLICY_CHARS + " characters");
    }
    Map<String, Object> tree = text.strip().startsWith("{") ? parseJson(text) : parseHcl(text);
    return rules(tree);
  }

  private static Map<String, Object> parseHcl(String text) {
    HclInputBounds.check(text);
    try {
      return new SandboxedHclParser().parse(text);
    } catch (HCLParserException | IOException | RuntimeException e) {
      // hcl4j usually wraps its HCLParserException, which carries the position, in a
      // RuntimeException; look through the causes for it.
      throw syntaxError(e);
    }
  }

  private static ApiError syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message == null) {
        continue;
      }
      if (message.contains("not allowed in policies")) {
        return ApiError.badRequest(
            PREFIX + message.substring(message.lastIndexOf(':') + 1).strip());
      }
      Matcher at = HCL_POSITION.matcher(message);
      if (at.find()) {
        return ApiError.badRequest(
            PREFIX + "syntax error at line " + at.group(1) + ", column " + at.group(2));
      }
    }
    return ApiError.badRequest(PREFIX + "syntax error");
  }

  private static Map<String, Object> parseJson(String text) {
    try {
      Object parsed = Json.decodeValue(text);
      if (!(parsed instanceof JsonObject object)) {
        throw ApiError.badRequest(PREFIX + "JSON policy must be an object");
      }
      return object.getMap();
    } catch (DecodeException e) {
      // The decoder's message quotes the input; report only the position it names.
      for (Throwable t = e; t != null; t = t.getCause()) {
        Matcher at = t.getMessage() == null ? null : JSON_POSITION.matcher(t.getMessage());
        if (at != null && at.find()) {
          throw ApiError.badRequest(
              PREFIX + "invalid JSON at line " + at.group(1) + ", column " + at.group(2));
        }
      }
      throw ApiError.badRequest(PREFIX + "invalid JSON");
    }
  }

  private static List<PathRule> rules(Map<String, Object> tree) {
    for (String key : tree.keySet()) {
      if (!TOP_LEVEL_KEYS.contains(key)) {
        throw ApiError.badRequest(PREFIX + "invalid key '" + key + "' at the top level");
      }
    }
    Object paths = tree.get("path");
    if (paths == null) {
      throw ApiError.badRequest(PREFIX + "policy has no path rules");
    }
    if (!(paths instanceof Map<?, ?> byPattern)) {
      throw ApiError.badRequest(PREFIX + "'path' must be a block with the path as its label");
    }
    List<PathRule> rules = new ArrayList<>();
    for (Map.Entry<?, ?> e : byPattern.entrySet()) {
      String pattern = validPattern(String.valueOf(e.getKey()));
      Object body = e.getValue();
      // hcl4j turns a path written twice into a list of blocks; Vault merges them.
      List<?> blocks =
          body instanceof List<?> list ? list : List.of(body == null ? Map.of() : body);
      for (Object block : blocks) {
        rules.add(rule(pattern, block));
      }
    }
    if (rules.isEmpty()) {
      throw ApiError.badRequest(PREFIX + "policy has no path rules");
    }
    return rules;
  }

  private static PathRule rule(String pattern, Object block) {
    Map<?, ?> fields = asMap(block, pattern);
    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
    boolean given = false;
    for (Map.Entry<?, ?> f : fields.entrySet()) {
      String key = String.valueOf(f.getKey());
      switch (key) {
        case "capabilities":
          caps.addAll(capabilities(pattern, f.getValue()));
          given = true;
          break;
        case "policy":
          caps.addAll(legacyPolicy(pattern, f.getValue()));
          given = true;
          break;
        case "comment":
          break;
        default:
          if (UNSUPPORTED_KEYS.contains(key)) {
            throw ApiError.badRequest(
                PREFIX + "path \"" + pattern + "\": '" + key + "' is not supported by Keyward");
          }
          throw ApiError.badRequest(PREFIX + "path \"" + pattern + "\": invalid key '" + key + "'");
      }
    }
    if (!given) {
      throw ApiError.badRequest(PREFIX + "path \"" + pattern + "\": no capabilities given");
    }
    return new PathRule(pattern, caps);
  }

  private static Map<?, ?> asMap(Object block, String pattern) {
    if (block instanceof Map<?, ?> map) {
      return map;
    }
    if (block instanceof JsonObject json) {
      return json.getMap();
    }
    throw ApiError.badRequest(PREFIX + "path \"" + pattern + "\": must be a block");
  }

  private static Set<Capability> capabilities(String pattern, Object value) {
    List<?> names;
    if (value instanceof List<?> list) {
      names = list;
    } else if (value instanceof JsonArray array) {
      names = array.getList();
    } else {
      throw ApiError.badRequest(
          PREFIX + "path \"" + pattern + "\": capabilities must be a list of quoted names");
    }
    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
    for (Object n : names) {
      if (!(n instanceof String)) {
        throw ApiError.badRequest(
            PREFIX
                + "path \""
                + pattern
                + "\": capabilities must be quoted strings, found "
                + quoted(n));
      }
      Capability c = Capability.fromWire((String) n);
      if (c == null) {
        throw ApiError.badRequest(
            PREFIX + "path \"" + pattern + "\": invalid capability " + quoted(n));
      }
      caps.add(c);
    }
    return caps;
  }

  /** Vault's pre-0.9 {@code policy = "read"} shorthand, still accepted by Vault. */
  private static Set<Capability> legacyPolicy(String pattern, Object value) {
    String name = value instanceof String s ? s : "";
    switch (name) {
      case "deny":
        return EnumSet.of(Capability.DENY);
      case "read":
        return EnumSet.of(Capability.READ, Capability.LIST);
      case "write":
        return EnumSet.of(
            Capability.CREATE,
            Capability.READ,
            Capability.UPDATE,
            Capability.DELETE,
            Capability.LIST);
      case "sudo":
        return EnumSet.of(
            Capability.CREATE,
            Capability.READ,
            Capability.UPDATE,
            Capability.DELETE,
            Capability.LIST,
            Capability.SUDO);
      default:
        throw ApiError.badRequest(
            PREFIX + "path \"" + pattern + "\": invalid policy " + quoted(value));
    }
  }

  private static String validPattern(String raw) {
    String pattern = raw.startsWith("/") ? raw.substring(1) : raw;
    if (pattern.isEmpty()) {
      throw ApiError.badRequest(PREFIX + "path must not be empty");
    }
    int star = pattern.indexOf('*');
    if (star >= 0 && star != pattern.length() - 1) {
      throw ApiError.badRequest(
          PREFIX + "path \"" + raw + "\": '*' is only allowed as the last character");
    }
    if (pattern.contains("+*")) {
      throw ApiError.badRequest(
          PREFIX + "path \"" + raw + "\": invalid use of wildcards ('+*' is forbidden)");
    }
    String[] segments = pattern.split("/", -1);
    for (String s : segments) {
      if (s.contains("+") && !s.equals("+")) {
        throw ApiError.badRequest(
            PREFIX + "path \"" + raw + "\": '+' must be a whole path segment");
      }
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '{' || c == '}') {
        throw ApiError.badRequest(
            PREFIX + "path \"" + raw + "\": invalid character (templated paths are not supported)");
      }
    }
    return pattern;
  }

  private static String quoted(Object v) {
    String s = String.valueOf(v);
    return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
  }
}
