package org.keyward.storage;

/** The rules every storage key follows, checked once here rather than in each backend. */
public final class StorageKeys {
  private StorageKeys() {}

  /**
   * A key is 1..1024 characters of printable text, without a leading slash, empty segments, or
   * {@code .}/{@code ..} segments, so no two spellings can name the same row.
   */
  public static String requireValid(String key) {
    if (!isValid(key)) {
      throw new IllegalArgumentException("invalid storage key");
    }
    return key;
  }

  public static boolean isValid(String key) {
    if (key == null || key.isEmpty() || key.length() > 1024 || key.startsWith("/")) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    // A trailing slash is allowed only for list prefixes, never for a stored key.
    return !key.contains("//") && !key.endsWith("/");
  }

  /** A list prefix is empty or ends with '/', and is otherwise a valid key. */
  public static String requireValidPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("invalid storage prefix");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    if (!prefix.endsWith("/") || !isValid(prefix.substring(0, prefix.length() - 1))) {
      throw new IllegalArgumentException("invalid storage prefix");
    }
    return prefix;
  }
}
