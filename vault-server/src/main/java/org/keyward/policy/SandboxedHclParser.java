package org.keyward.policy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Function;
import java.util.Map;

/**
 * hcl4j's parser with its side effects removed. Out of the box it evaluates Terraform functions and
 * {@code data "http"} blocks, which would let anyone who may write a policy make the server send
 * HTTP requests (SSRF) or run functions while parsing. A policy is data: every function call and
 * data lookup fails the parse instead.
 */
final class SandboxedHclParser extends HCLParser {
  SandboxedHclParser() {
    functionRegistry.clear();
    dataLookupRegistry.clear();
  }

  @Override
  protected Object evaluateFunctionCall(String name, Function function) throws HCLParserException {
    throw new HCLParserException("function calls are not allowed in policies");
  }

  @Override
  protected Object evaluateFunctionCall(String name, Function function, Map<String, Object> context)
      throws HCLParserException {
    throw new HCLParserException("function calls are not allowed in policies");
  }

  @Override
  protected Map<String, Object> evaluateDataLookup(
      String type, String name, Map<String, Object> properties) throws HCLParserException {
    throw new HCLParserException("data blocks are not allowed in policies");
  }
}
