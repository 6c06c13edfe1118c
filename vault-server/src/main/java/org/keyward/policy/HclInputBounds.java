package org.keyward.policy;

import org.keyward.http.ApiError;

/**
 * Checks an HCL policy's shape before hcl4j sees it. hcl4j parses recursively, one Java frame (or
 * several) per nesting level, so {@code a = [[[[...]]]]} a few thousand levels deep overflows the
 * stack on the thread that parses, an event loop. This scan is a loop with a counter: it finds the
 * bracket depth and the token count without recursing, and refuses what no policy needs with a 400.
 *
 * <p>Template syntax ({@code ${...}} and {@code %{...}}, in strings and heredocs) is refused
 * outright: it lets brackets nest inside strings, where counting them would need a second parser,
 * and Vault's ACL policies have no use for it (a templated path is refused later anyway). Outside strings and comments, every {@code [ { (} opens a level and only its own closer
 * ends it.
 */
final class HclInputBounds {
  /** Vault's policies nest three levels deep ({@code path "x" { capabilities = [...] }}). */
  static final int MAX_DEPTH = 32;

  /** About 4,000 path blocks; a 256 KiB text of one-character tokens would be 128 Ki tokens. */
  static final int MAX_TOKENS = 50_000;

  /** Operator characters outside strings and comments ({@code <<} starts a heredoc instead). */
  private static final String OPERATORS = "+-*/%!<>&|?";

  private static final String PREFIX = "failed to parse policy: ";

  private HclInputBounds() {}

  /** Fails with a 400 naming the bound that {@code text} exceeds. */
  static void check(String text) {
    char[] open = new char[MAX_DEPTH];
    int depth = 0;
    int tokens = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        i = endOfString(text, i + 1);
        tokens++;
      } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
        i = endOfLine(text, i);
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (isWordStart(c)) {
        int start = i;
        while (i < n && isWordChar(text.charAt(i))) {
          i++;
        }
        if (depth > 0
            && previousIsOpener(text, start)
            && text.startsWith("for", start)
            && i - start == 3) {
          throw ApiError.badRequest(PREFIX + "expressions are not supported");
        }
        tokens++;
      } else if ((c == '$' || c == '%') && i + 1 < n && text.charAt(i + 1) == '{') {
        throw ApiError.badRequest(PREFIX + "template expressions are not supported");
      } else if (OPERATORS.indexOf(c) >= 0 && !(c == '<' && i + 1 < n && text.charAt(i + 1) == '<')
          || (c == '=' && i + 1 < n && text.charAt(i + 1) == '=')) {
        // hcl4j evaluates operators, conditionals and for-expressions, printing to stdout as it
        // goes; a policy is data and needs none of them.
        throw ApiError.badRequest(PREFIX + "expressions are not supported");
      } else {
        if (c == '[' || c == '{' || c == '(') {
          if (depth == MAX_DEPTH) {
            throw ApiError.badRequest(PREFIX + "nested deeper than " + MAX_DEPTH + " levels");
          }
          open[depth++] = c;
        } else if (depth > 0 && c == closer(open[depth - 1])) {
          // Only a matching closer ends a level, so stray closers cannot hide real depth.
          depth--;
        } else if (c == '<' && i + 1 < n && text.charAt(i + 1) == '<') {
          i = endOfHeredoc(text, i + 2);
          tokens++;
          continue;
        }
        i++;
        tokens++;
      }
      if (tokens > MAX_TOKENS) {
        throw ApiError.badRequest(PREFIX + "more than " + MAX_TOKENS + " tokens");
      }
    }
  }

  /** The index after the closing quote; a string ends at its line's end if never closed. */
  private static int endOfString(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if ((c == '$' || c == '%') && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        throw ApiError.badRequest(PREFIX + "template expressions are not supported");
      }
      if (c == '"') {
        return i + 1;
      }
      if (c == '\n') {
        return i; // hcl4j's lexer refuses a line break in a string; scan on as code
      }
      i++;
    }
    return i;
  }

  /**
   * The index after a heredoc ({@code <<EOT} or {@code <<-EOT}, then lines up to one that is just
   * {@code EOT}); an unterminated one runs to the end of the text.
   */
  private static int endOfHeredoc(String text, int from) {
    int i = from < text.length() && text.charAt(from) == '-' ? from + 1 : from;
    int start = i;
    while (i < text.length() && isWordChar(text.charAt(i))) {
      i++;
    }
    String marker = text.substring(start, i);
    int line = endOfLine(text, i);
    while (line < text.length()) {
      int next = endOfLine(text, line);
      String content = text.substring(line, next);
      if (!marker.isEmpty() && content.strip().equals(marker)) {
        return next;
      }
      refuseTemplates(content);
      line = next;
    }
    return text.length();
  }

  private static void refuseTemplates(String content) {
    if (content.contains("${") || content.contains("%{")) {
      throw ApiError.badRequest(PREFIX + "template expressions are not supported");
    }
  }

  private static char closer(char opener) {
    return opener == '[' ? ']' : opener == '{' ? '}' : ')';
  }

  private static int endOfLine(String text, int from) {
    int end = text.indexOf('\n', from);
    return end < 0 ? text.length() : end + 1;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  private static boolean previousIsOpener(String text, int index) {
    for (int i = index - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '[' || c == '{' || c == '(';
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }
}
