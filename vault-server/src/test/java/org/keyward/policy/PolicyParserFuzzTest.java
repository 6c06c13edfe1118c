package org.keyward.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.keyward.http.ApiError;

/**
 * Fuzzes the policy parser, HCL and JSON forms ({@link PolicyParser#parse}): any text is rules or a
 * 400, never another exception and never a {@link StackOverflowError} (issue 15). Regression mode
 * in the normal build over {@code PolicyParserFuzzTestInputs/} (the shipped policies, a JSON
 * policy, deep nesting, templates, heredocs, expressions); {@code JAZZER_FUZZ=1} fuzzes.
 */
class PolicyParserFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse_anyText_failsOnlyWithBadRequest(byte[] data) {
    try {
      PolicyParser.parse(new String(data, StandardCharsets.UTF_8));
    } catch (ApiError e) {
      if (e.status() != 400) {
        throw e;
      }
    }
  }
}
