package org.keyward.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path under a mount, e.g. {@code keys/:name/rotate} or {@code data/*path}. {@code :name} matches
 * one non-empty segment; {@code *name}, only as the last segment, matches the rest (possibly empty,
 * slashes included), and the slash before it is optional so that {@code metadata} and {@code
 * metadata/} both list the root.
 */
public final class PathPattern {
  private final String source;
  private final Pattern regex;
  private final List<String> names;

  private PathPattern(String source, Pattern regex, List<String> names) {
    this.source = source;
    this.regex = regex;
    this.names = names;
  }

  public static PathPattern compile(String pattern) {
    List<String> names = new ArrayList<>();
    StringBuilder re = new StringBuilder();
    String[] segments = pattern.isEmpty() ? new String[0] : pattern.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      boolean last = i == segments.length - 1;
      if (s.startsWith("*") && last) {
        names.add(s.substring(1));
        re.append(i == 0 ? "(.*)" : "(?:/(.*))?");
        continue;
      }
      if (i > 0) {
        re.append('/');
      }
      if (s.startsWith(":")) {
        names.add(s.substring(1));
        re.append("([^/]+)");
      } else if (s.startsWith("*")) {
        names.add(s.substring(1));
        re.append("([^/]+(?:/[^/]+)*)");
      } else if (s.isEmpty()) {
        throw new IllegalArgumentException("empty segment in " + pattern);
      } else {
        re.append(Pattern.quote(s));
      }
    }
    return new PathPattern(pattern, Pattern.compile(re.toString()), List.copyOf(names));
  }

  /** The parameters if {@code path} matches the whole pattern, else null. */
  public Map<String, String> match(String path) {
    Matcher m = regex.matcher(path);
    if (!m.matches()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String v = m.group(i + 1);
      params.put(names.get(i), v == null ? "" : v);
    }
    return params;
  }

  @Override
  public String toString() {
    return source;
  }
}
