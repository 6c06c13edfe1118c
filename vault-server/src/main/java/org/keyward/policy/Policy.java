package org.keyward.policy;

import java.util.List;

/**
 * A named, parsed policy: the text as the operator wrote it (returned on read) and the rules it
 * compiles to. Immutable.
 */
public record Policy(PolicyName name, String text, List<PathRule> rules) {
  public Policy {
    rules = List.copyOf(rules);
  }

  /** Parses {@code text} (HCL or Vault's JSON form); 400 naming the problem otherwise. */
  public static Policy parse(PolicyName name, String text) {
    return new Policy(name, text, PolicyParser.parse(text));
  }

  @Override
  public String toString() {
    return "Policy[" + name + ", " + rules.size() + " rules]";
  }
}
