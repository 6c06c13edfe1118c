package org.keyward.client.cli;

/**
 * A KV path split into mount and path within it: {@code -mount=secret app/db} or, with no {@code
 * -mount}, the first segment of {@code secret/app/db}, as {@code vault kv} reads them.
 */
record KvPath(String mount, String path) {
  static KvPath of(String mount, String path) {
    String p = trim(path);
    if (mount != null) {
      return new KvPath(trim(mount), p);
    }
    int slash = p.indexOf('/');
    if (slash <= 0) {
      if (p.isEmpty()) {
        throw new UsageException("a path is required (e.g. secret/app, or -mount=secret app)");
      }
      return new KvPath(p, "");
    }
    return new KvPath(p.substring(0, slash), p.substring(slash + 1));
  }

  private static String trim(String s) {
    String t = s.startsWith("/") ? s.substring(1) : s;
    return t.endsWith("/") && t.length() > 1 ? t.substring(0, t.length() - 1) : t;
  }
}
