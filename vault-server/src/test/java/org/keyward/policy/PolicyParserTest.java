package org.keyward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keyward.http.ApiError;
import org.keyward.http.Capability;

class PolicyParserTest {
  private static ApiError refused(String text) {
    return assertThrows(ApiError.class, () -> PolicyParser.parse(text));
  }

  private static String message(String text) {
    ApiError e = refused(text);
    assertEquals(400, e.status());
    return e.messages().get(0);
  }

  @Test
  void parse_hclWithCommentsAndSeveralBlocks_returnsEachRule() {
    String hcl =
        "# hash comment\n"
            + "// slash comment\n"
            + "/* block\n comment */\n"
            + "path \"secret/*\" {\n  capabilities = [\"read\", \"list\"]\n}\n"
            + "path \"sys/mounts\" { capabilities = [\"deny\"] }\n";
    List<PathRule> rules = PolicyParser.parse(hcl);
    assertEquals(
        List.of(
            new PathRule("secret/*", EnumSet.of(Capability.READ, Capability.LIST)),
            new PathRule("sys/mounts", EnumSet.of(Capability.DENY))),
        rules);
  }

  @Test
  void parse_samePathTwice_keepsBothRulesForTheMatcherToMerge() {
    List<PathRule> rules =
        PolicyParser.parse(
            "path \"a/*\" { capabilities = [\"read\"] }\npath \"a/*\" { capabilities = [\"update\"] }\n");
    assertEquals(2, rules.size());
    assertEquals(Set.of(Capability.READ), rules.get(0).capabilities());
    assertEquals(Set.of(Capability.UPDATE), rules.get(1).capabilities());
  }

  @Test
  void parse_heredocComment_isAccepted() {
    List<PathRule> rules =
        PolicyParser.parse(
            "path \"a\" {\n  capabilities = [\"read\"]\n  comment = <<EOT\nwhy\nEOT\n}\n");
    assertEquals(List.of(new PathRule("a", EnumSet.of(Capability.READ))), rules);
  }

  @Test
  void parse_denyWithOthers_keepsOnlyDeny() {
    List<PathRule> rules = PolicyParser.parse("path \"a\" { capabilities = [\"read\", \"deny\"] }");
    assertEquals(Set.of(Capability.DENY), rules.get(0).capabilities());
  }

  @Test
  void parse_legacyPolicyWrite_mapsToVaultsCapabilities() {
    List<PathRule> rules = PolicyParser.parse("path \"a\" { policy = \"write\" }");
    assertEquals(
        EnumSet.of(
            Capability.CREATE,
            Capability.READ,
            Capability.UPDATE,
            Capability.DELETE,
            Capability.LIST),
        rules.get(0).capabilities());
  }

  @Test
  void parse_leadingSlash_isStripped() {
    assertEquals(
        "secret/a",
        PolicyParser.parse("path \"/secret/a\" { capabilities = [\"read\"] }").get(0).pattern());
  }

  @Test
  void parse_jsonForm_returnsRules() {
    List<PathRule> rules =
        PolicyParser.parse(
            "{\"path\":{\"secret/*\":{\"capabilities\":[\"read\"]},"
                + "\"transit/encrypt/+\":{\"capabilities\":[\"update\"]}}}");
    assertEquals(
        List.of(
            new PathRule("secret/*", EnumSet.of(Capability.READ)),
            new PathRule("transit/encrypt/+", EnumSet.of(Capability.UPDATE))),
        rules);
  }

  @Test
  void parse_malformedHcl_namesLineAndColumn() {
    String hcl =
        "path \"a\" {\n  capabilities = [\"read\"]\n}\n\npath \"b\" {\n  capabilities = [\"read\"] = \n}\n";
    assertEquals("failed to parse policy: syntax error at line 6, column 27", message(hcl));
  }

  @Test
  void parse_malformedJson_namesLineAndColumnButNotTheInput() {
    String json = "{\"path\": {\n  \"secret/*\": {\"capabilities\": [\"read\"] \"oops\"}}}";
    String m = message(json);
    assertTrue(m.startsWith("failed to parse policy: invalid JSON at line 2, column "), m);
    assertTrue(!m.contains("oops"), m);
  }

  @Test
  void parse_unknownCapability_namesItAndThePath() {
    assertEquals(
        "failed to parse policy: path \"secret/a\": invalid capability \"reed\"",
        message("path \"secret/a\" { capabilities = [\"reed\"] }"));
  }

  @Test
  void parse_unquotedCapability_isRefused() {
    assertEquals(
        "failed to parse policy: path \"a\": capabilities must be quoted strings, found \"read\"",
        message("path \"a\" { capabilities = [read] }"));
  }

  @Test
  void parse_unknownKeyInPathBlock_namesIt() {
    assertEquals(
        "failed to parse policy: path \"a\": invalid key 'capabilites'",
        message("path \"a\" { capabilites = [\"read\"] }"));
  }

  @Test
  void parse_parameterConstraints_areRefusedAsNotSupported() {
    assertEquals(
        "failed to parse policy: path \"a\": 'required_parameters' is not supported by Keyward",
        message("path \"a\" {\n capabilities = [\"create\"]\n required_parameters = [\"x\"]\n}"));
  }

  @Test
  void parse_unknownTopLevelKey_namesIt() {
    assertEquals(
        "failed to parse policy: invalid key 'paths' at the top level",
        message("paths \"a\" { capabilities = [\"read\"] }"));
  }

  @Test
  void parse_unclosedBlock_isRefused() {
    // hcl4j lifts the attributes of an unclosed block to the top level; the key check catches it.
    assertEquals(
        "failed to parse policy: invalid key 'capabilities' at the top level",
        message("path \"a\" { capabilities = [\"read\"]\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"secret/*/x", "*secret", "secret/**"})
  void parse_globNotAtTheEnd_isRefused(String pattern) {
    assertEquals(
        "failed to parse policy: path \""
            + pattern
            + "\": '*' is only allowed as the last character",
        message("path \"" + pattern + "\" { capabilities = [\"read\"] }"));
  }

  @Test
  void parse_plusInsideASegment_isRefused() {
    assertTrue(
        message("path \"secret/a+b\" { capabilities = [\"read\"] }")
            .endsWith("'+' must be a whole path segment"));
  }

  @Test
  void parse_plusStar_isRefused() {
    assertTrue(
        message("path \"secret/+*\" { capabilities = [\"read\"] }").contains("'+*' is forbidden"));
  }

  @Test
  void parse_templatedPath_isRefused() {
    assertTrue(
        message("path \"secret/{{identity.entity.id}}/*\" { capabilities = [\"read\"] }")
            .contains("templated paths are not supported"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "# only a comment\n", "}}}", "name = \"x\""})
  void parse_policyWithoutRules_isRefused(String text) {
    String m = message(text);
    assertTrue(
        m.equals("'policy' parameter not supplied or empty")
            || m.equals("failed to parse policy: policy has no path rules"),
        m);
  }

  @Test
  void parse_blockWithoutCapabilities_isRefused() {
    assertEquals(
        "failed to parse policy: path \"a\": no capabilities given",
        message("path \"a\" { comment = \"x\" }"));
  }

  @Test
  void parse_functionCall_isRefusedAndNotEvaluated() {
    assertEquals(
        "failed to parse policy: function calls are not allowed in policies",
        message("path \"a\" { capabilities = [upper(\"read\")] }"));
  }

  @Test
  void parse_httpDataBlock_makesNoRequest() {
    // hcl4j would fetch the URL while parsing; the sandbox refuses instead.
    String hcl =
        "data \"http\" \"x\" { url = \"http://127.0.0.1:1/\" }\n"
            + "path \"a\" { capabilities = [data.http.x.body] }\n";
    assertEquals(400, refused(hcl).status());
  }
}
