package org.keyward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keyward.http.Authorizer.Decision;
import org.keyward.http.Caller;
import org.keyward.http.Capability;

class AclTest {
  static Caller caller(String... policies) {
    return new Caller("accessor-1", Set.of(policies), "test", "auth/token/create", "", Map.of());
  }

  /** One policy per argument pair: name, HCL. */
  static Acl acl(String... nameThenHcl) {
    List<Policy> policies = new ArrayList<>();
    for (int i = 0; i < nameThenHcl.length; i += 2) {
      policies.add(Policy.parse(new PolicyName(nameThenHcl[i]), nameThenHcl[i + 1]));
    }
    return Acl.compile(policies);
  }

  static String rule(String path, String... caps) {
    StringBuilder b = new StringBuilder("path \"").append(path).append("\" { capabilities = [");
    for (int i = 0; i < caps.length; i++) {
      b.append(i == 0 ? "" : ", ").append('"').append(caps[i]).append('"');
    }
    return b.append("] }\n").toString();
  }

  /**
   * Vault's documented matching rules, one row each: the policy (in policy "p"), the request, and
   * whether it is allowed.
   */
  static Stream<Arguments> vaultRules() {
    return Stream.of(
        // exact path: nothing below it, nothing longer
        Arguments.of(rule("secret/foo", "read"), "secret/foo", Capability.READ, true),
        Arguments.of(rule("secret/foo", "read"), "secret/food", Capability.READ, false),
        Arguments.of(rule("secret/foo", "read"), "secret/foo/bar", Capability.READ, false),
        Arguments.of(rule("secret/foo", "read"), "secret/foo", Capability.UPDATE, false),
        // glob: a prefix match, the empty rest included
        Arguments.of(rule("secret/bar/*", "read"), "secret/bar/zip/zap", Capability.READ, true),
        Arguments.of(rule("secret/bar/*", "read"), "secret/bar/", Capability.READ, true),
        Arguments.of(rule("secret/bar/*", "read"), "secret/bars/zip", Capability.READ, false),
        Arguments.of(rule("secret/zip-*", "read"), "secret/zip-zap/zong", Capability.READ, true),
        Arguments.of(rule("secret/zip-*", "read"), "secret/zip/zap", Capability.READ, false),
        // + is exactly one segment
        Arguments.of(rule("secret/+/teamb", "read"), "secret/foo/teamb", Capability.READ, true),
        Arguments.of(
            rule("secret/+/teamb", "read"), "secret/foo/bar/teamb", Capability.READ, false),
        Arguments.of(rule("secret/+/teamb", "read"), "secret/teamb", Capability.READ, false),
        Arguments.of(rule("secret/+/+/teamb", "read"), "secret/a/b/teamb", Capability.READ, true),
        Arguments.of(rule("secret/+/teamb", "read"), "secret/foo/teamb/x", Capability.READ, false),
        // + with a trailing glob
        Arguments.of(rule("secret/+/team*", "read"), "secret/a/teamb/x", Capability.READ, true),
        Arguments.of(rule("secret/+/team*", "read"), "secret/a/tea", Capability.READ, false),
        Arguments.of(rule("secret/+/*", "read"), "secret/a/b/c", Capability.READ, true),
        Arguments.of(rule("secret/+/*", "read"), "secret/a", Capability.READ, false),
        // deny beats everything, sudo included
        Arguments.of(
            rule("secret/*", "read", "sudo") + rule("secret/super", "deny"),
            "secret/super",
            Capability.READ,
            false),
        Arguments.of(
            rule("secret/*", "read", "sudo") + rule("secret/super", "deny"),
            "secret/super",
            Capability.SUDO,
            false),
        // the most specific path wins, even if it grants less
        Arguments.of(
            rule("secret/*", "read", "update") + rule("secret/a/*", "read"),
            "secret/a/b",
            Capability.UPDATE,
            false),
        // rule 1: the first wildcard later wins
        Arguments.of(
            rule("secret/+/b", "read") + rule("secret/a/*", "update"),
            "secret/a/b",
            Capability.UPDATE,
            true),
        // rule 2: not ending in * beats ending in * (same first wildcard)
        Arguments.of(
            rule("secret/+/b", "read") + rule("secret/+/*", "update"),
            "secret/a/b",
            Capability.READ,
            true),
        Arguments.of(
            rule("secret/+/b", "read") + rule("secret/+/*", "update"),
            "secret/a/b",
            Capability.UPDATE,
            false),
        // rule 3: fewer + wins: secret/* beats secret/+/+/foo/* (Vault's own example)
        Arguments.of(
            rule("secret/*", "read") + rule("secret/+/+/foo/*", "update"),
            "secret/a/b/foo/c",
            Capability.READ,
            true),
        Arguments.of(
            rule("secret/*", "read") + rule("secret/+/+/foo/*", "update"),
            "secret/a/b/foo/c",
            Capability.UPDATE,
            false),
        // rule 4: longer wins
        Arguments.of(
            rule("secret/+/bar/b*", "read") + rule("secret/+/bar/ba*", "update"),
            "secret/x/bar/baz",
            Capability.UPDATE,
            true),
        Arguments.of(
            rule("secret/+/bar/b*", "read") + rule("secret/+/bar/ba*", "update"),
            "secret/x/bar/baz",
            Capability.READ,
            false),
        // rule 5: the lexicographically larger wins among equals
        Arguments.of(
            rule("secret/+/a", "read") + rule("secret/+/+", "update"),
            "secret/x/a",
            Capability.READ,
            true),
        // an exact path beats every wildcard
        Arguments.of(
            rule("secret/a/b*", "update") + rule("secret/a/b", "read"),
            "secret/a/b",
            Capability.UPDATE,
            false),
        // nothing matches: denied
        Arguments.of(rule("secret/*", "read"), "transit/keys/a", Capability.READ, false),
        // list checks the path with and without a trailing slash
        Arguments.of(rule("secret/metadata/*", "list"), "secret/metadata", Capability.LIST, true),
        Arguments.of(rule("secret/metadata", "list"), "secret/metadata", Capability.LIST, true),
        Arguments.of(rule("secret/metadata/", "list"), "secret/metadata", Capability.LIST, true),
        Arguments.of(rule("secret/metadata/*", "list"), "secret/metadata", Capability.READ, false),
        // a leading slash in a request path changes nothing
        Arguments.of(rule("secret/a", "read"), "/secret/a", Capability.READ, true));
  }

  @ParameterizedTest(name = "[{index}] {1} {2} -> {3}")
  @MethodSource("vaultRules")
  void authorize_vaultRules_decideAsDocumented(
      String hcl, String path, Capability capability, boolean allowed) {
    Decision d = acl("p", hcl).authorize(caller("p"), path, capability);
    assertEquals(allowed, d.allowed(), d.reason());
  }

  @Test
  void authorize_samePathInTwoPolicies_mergesCapabilities() {
    Acl acl = acl("a", rule("secret/x/*", "read"), "b", rule("secret/x/*", "update"));
    assertTrue(acl.authorize(caller("a", "b"), "secret/x/1", Capability.READ).allowed());
    assertTrue(acl.authorize(caller("a", "b"), "secret/x/1", Capability.UPDATE).allowed());
    assertFalse(acl.authorize(caller("a"), "secret/x/1", Capability.UPDATE).allowed());
  }

  @Test
  void authorize_denyInOnePolicyOnTheSamePath_deniesAll() {
    Acl acl = acl("a", rule("secret/x/*", "read"), "b", rule("secret/x/*", "deny"));
    Decision d = acl.authorize(caller("a", "b"), "secret/x/1", Capability.READ);
    assertFalse(d.allowed());
    assertEquals("policy \"b\" denies path \"secret/x/*\"", d.reason());
  }

  @Test
  void authorize_moreSpecificPathInAnotherPolicy_winsOverTheBroaderOne() {
    Acl acl =
        acl("broad", rule("secret/*", "read", "update"), "narrow", rule("secret/a/*", "read"));
    assertFalse(
        acl.authorize(caller("broad", "narrow"), "secret/a/1", Capability.UPDATE).allowed());
    assertTrue(acl.authorize(caller("broad"), "secret/a/1", Capability.UPDATE).allowed());
  }

  @Test
  void authorize_rulesOfPoliciesTheCallerLacks_areIgnored() {
    Acl acl = acl("mine", rule("secret/*", "read"), "other", rule("secret/a", "deny"));
    assertTrue(acl.authorize(caller("mine"), "secret/a", Capability.READ).allowed());
  }

  @Test
  void authorize_rootCaller_isAllowedEverything() {
    Acl acl = acl("p", rule("secret/a", "deny"));
    Decision d = acl.authorize(caller("root"), "secret/a", Capability.SUDO);
    assertTrue(d.allowed());
    assertEquals("policy \"root\"", d.reason());
  }

  @Test
  void authorize_unknownPolicyOrNone_isDenied() {
    Acl acl = acl("p", rule("*", "read"));
    assertFalse(acl.authorize(caller("nope"), "secret/a", Capability.READ).allowed());
    assertFalse(acl.authorize(Caller.ANONYMOUS, "secret/a", Capability.READ).allowed());
  }

  @Test
  void authorize_allowed_namesTheDecidingPolicyAndPath() {
    Acl acl = acl("reader", rule("secret/data/*", "read"));
    Decision d = acl.authorize(caller("reader"), "secret/data/x", Capability.READ);
    assertEquals("policy \"reader\" path \"secret/data/*\" grants read", d.reason());
  }

  @Test
  void authorize_denyCapabilityAsked_isNeverAllowed() {
    Acl acl = acl("p", rule("a", "read"));
    assertFalse(acl.authorize(caller("p"), "a", Capability.DENY).allowed());
  }
}
