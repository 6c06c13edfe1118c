package org.keyward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keyward.http.ApiError;
import org.keyward.http.Capability;

/**
 * Inputs that once overflowed hcl4j's recursive parser (issue 15): each must be a 400 naming the
 * bound, never a {@link StackOverflowError}, and a policy within the bounds still parses.
 */
class PolicyParserBoundsTest {
  private static final int DEEP = 5_000;

  private static String message(String text) {
    ApiError e = assertThrows(ApiError.class, () -> PolicyParser.parse(text));
    assertEquals(400, e.status());
    return e.messages().get(0);
  }

  private static String nested(String open, String close, int levels) {
    return open.repeat(levels) + close.repeat(levels);
  }

  @Test
  void parse_deeplyNestedList_isRefusedWithDepth() {
    String m = message("a = " + nested("[", "]", DEEP));
    assertEquals("failed to parse policy: nested deeper than 32 levels", m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "(", "[{(", "x = {a = "})
  void parse_deeplyNestedOtherBrackets_isRefused(String open) {
    String m = message("a = " + open.repeat(DEEP));
    assertTrue(m.contains("nested deeper than"), m);
  }

  @Test
  void parse_nestingBehindStrayClosers_isStillCounted() {
    // A closer that does not match the innermost opener does not end a level.
    String m = message("a = " + "[ } ".repeat(DEEP));
    assertTrue(m.contains("nested deeper than"), m);
  }

  @Test
  void parse_nestingAfterALineBreakInAString_isCounted() {
    String m = message("a = \"x\n" + nested("[", "]", DEEP) + "\"");
    assertTrue(m.contains("nested deeper than"), m);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a = 1 + 1",
        "a = 1 - 1",
        "a = 2 / 1",
        "a = 1 == 1",
        "a = b ? 1 : 2",
        "a = !b",
        "a = [for x in y : x]",
        "a = 1 < 2",
        "a = b && c"
      })
  void parse_expressions_areRefused(String text) {
    assertEquals("failed to parse policy: expressions are not supported", message(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a = \"${",
        "a = \"%{",
        "a = ${",
        "a = <<EOT\n${",
      })
  void parse_templateExpressions_areRefused(String open) {
    String m = message(open.repeat(DEEP));
    assertEquals("failed to parse policy: template expressions are not supported", m);
  }

  @ParameterizedTest
  @ValueSource(strings = {",1", " x", "[]", "\"s\"", ":"})
  void parse_tooManyTokens_isRefused(String token) {
    String m = message("a = 1" + token.repeat(HclInputBounds.MAX_TOKENS));
    assertEquals("failed to parse policy: more than 50000 tokens", m);
  }

  @Test
  void parse_longFlatListWithinBounds_neverOverflows() {
    // Within the token bound hcl4j's own recursion must be shallow: a 400 or rules, no error.
    String text =
        "path \"a\" { capabilities = [\"read\"] }\nb = ["
            + "1,".repeat(HclInputBounds.MAX_TOKENS / 2 - 20)
            + "1]";
    String m = message(text);
    assertTrue(m.contains("invalid key 'b'"), m);
  }

  @Test
  void parse_identifierWithDashes_isNotAnOperator() {
    String m = message("path \"a\" { capabilities = [\"read\"] }\nfoo-bar = 1");
    assertTrue(m.contains("invalid key 'foo-bar'"), m);
  }

  @Test
  void parse_bracketsInsideStringsAndComments_doNotCount() {
    String hcl =
        "# "
            + "[".repeat(100)
            + "\n/* "
            + "{".repeat(100)
            + " */\npath \"a\" {\n  capabilities = [\"read\"]\n  comment = \""
            + "(".repeat(100)
            + "\"\n}\n";
    assertEquals(List.of(new PathRule("a", EnumSet.of(Capability.READ))), PolicyParser.parse(hcl));
  }

  @Test
  void parse_jsonNestedBeyondJacksonsLimit_isRefusedAsInvalidJson() {
    // Jackson's StreamReadConstraints stop at 1,000 levels with a parse error, not a stack
    // overflow.
    String m = message("{\"path\": " + nested("[", "]", DEEP) + "}");
    assertTrue(m.startsWith("failed to parse policy: invalid JSON"), m);
  }
}
