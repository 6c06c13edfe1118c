package org.keyward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.keyward.http.Authorizer.Decision;
import org.keyward.http.Caller;
import org.keyward.http.Capability;

/**
 * Checks the indexed {@link Acl} against a plain reading of Vault's rules (an exact pattern wins,
 * else the highest-priority matching pattern of all) on random patterns and paths.
 */
class AclDifferentialTest {
  private static final String[] SEGMENTS = {"secret", "data", "a", "ab", "b", "x"};
  private static final Capability[] CAPS = {Capability.READ, Capability.UPDATE, Capability.DENY};

  @Test
  void authorize_randomPolicies_agreesWithBruteForce() {
    Random random = new Random(20261123L);
    for (int round = 0; round < 150; round++) {
      Map<String, PathRule> rules = new LinkedHashMap<>();
      for (int i = 0; i < 12; i++) {
        String pattern = randomPattern(random);
        rules.putIfAbsent(
            pattern, new PathRule(pattern, EnumSet.of(CAPS[random.nextInt(CAPS.length)])));
      }
      Policy policy = new Policy(new PolicyName("p"), "", new ArrayList<>(rules.values()));
      Acl acl = Acl.compile(List.of(policy));
      Caller caller = AclTest.caller("p");
      for (int j = 0; j < 40; j++) {
        String path = randomPath(random);
        PathRule expected = bruteForce(rules.values(), path);
        Decision d = acl.authorize(caller, path, Capability.READ);
        boolean allowed = expected != null && expected.capabilities().contains(Capability.READ);
        assertEquals(allowed, d.allowed(), path + " with " + rules.keySet() + ": " + d.reason());
        if (expected != null) {
          assertEquals(
              true,
              d.reason().contains("\"" + expected.pattern() + "\""),
              path + " with " + rules.keySet() + ": " + d.reason());
        }
      }
    }
  }

  private static PathRule bruteForce(Iterable<PathRule> rules, String path) {
    List<CompiledPath> matching = new ArrayList<>();
    Map<String, PathRule> byPattern = new LinkedHashMap<>();
    for (PathRule r : rules) {
      CompiledPath p = new CompiledPath(r.pattern(), new String[] {"p"}, new int[] {r.bits()});
      if (p.matches(path)) {
        if (p.kind == CompiledPath.Kind.EXACT) {
          return r;
        }
        matching.add(p);
        byPattern.put(r.pattern(), r);
      }
    }
    return matching.stream()
        .min(CompiledPath.BY_PRIORITY)
        .map(p -> byPattern.get(p.pattern))
        .orElse(null);
  }

  private static String randomPattern(Random random) {
    int n = 1 + random.nextInt(4);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append('/');
      }
      int pick = random.nextInt(SEGMENTS.length + 2);
      b.append(pick < SEGMENTS.length ? SEGMENTS[pick] : "+");
    }
    String s = b.toString();
    switch (random.nextInt(3)) {
      case 0:
        return s.endsWith("+") ? s + "/*" : s + "*";
      case 1:
        // a partial last segment with a glob, e.g. secret/a*
        return s.endsWith("+") ? s : s.substring(0, s.length() - 1) + "*";
      default:
        return s;
    }
  }

  private static String randomPath(Random random) {
    int n = 1 + random.nextInt(5);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append('/');
      }
      b.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
    }
    return b.toString();
  }
}
