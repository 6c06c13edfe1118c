package org.keyward.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.http.Capability;

/**
 * Vault's ACL semantics over a fixed set of policies, compiled once per change and then read-only
 * (safe to share between event loops). For a caller, the rule that applies to a path is the
 * highest-priority pattern, among those of the caller's policies, that matches it (see {@link
 * CompiledPath#BY_PRIORITY}; an exact pattern always wins); the capabilities of that pattern are
 * merged over all the caller's policies that hold it, and a {@code deny} among them denies
 * everything. A caller with the {@code root} policy may do anything. Unknown policy names grant
 * nothing. As in Vault, a list request is checked as the path with a trailing slash, trying the
 * path without it first.
 *
 * <p>{@link #authorize} is pure and allocates little: its decisions are made when the ACL is
 * compiled, and a lookup allocates only the path segments it looks up in the {@link WildcardIndex}
 * (and, for a list, the path with its slash).
 */
public final class Acl implements Authorizer {
  private static final int DENY_BIT = 1 << Capability.DENY.ordinal();
  private static final Decision ROOT = Decision.allow("policy \"root\"");
  private static final Decision NO_MATCH = Decision.deny("no policy matches the path");

  private final Map<String, CompiledPath> exact;
  private final WildcardIndex wildcards;

  private Acl(Map<String, CompiledPath> exact, WildcardIndex wildcards) {
    this.exact = exact;
    this.wildcards = wildcards;
  }

  /** Compiles {@code policies}; each {@link Policy} is already valid. */
  public static Acl compile(Collection<Policy> policies) {
    // pattern -> (policy -> merged bits), in a stable order
    Map<String, Map<String, Integer>> byPattern = new LinkedHashMap<>();
    for (Policy policy : policies) {
      if (policy.name().isRoot()) {
        continue; // root is a flag on the caller, never rules
      }
      for (PathRule rule : policy.rules()) {
        byPattern
            .computeIfAbsent(rule.pattern(), k -> new LinkedHashMap<>())
            .merge(policy.name().value(), rule.bits(), Acl::mergeBits);
      }
    }
    Map<String, CompiledPath> exact = new HashMap<>();
    List<CompiledPath> wildcards = new ArrayList<>();
    for (Map.Entry<String, Map<String, Integer>> e : byPattern.entrySet()) {
      String[] names = e.getValue().keySet().toArray(new String[0]);
      int[] bits = e.getValue().values().stream().mapToInt(Integer::intValue).toArray();
      CompiledPath path = new CompiledPath(e.getKey(), names, bits);
      if (path.kind == CompiledPath.Kind.EXACT) {
        exact.put(path.pattern, path);
      } else {
        wildcards.add(path);
      }
    }
    return new Acl(Map.copyOf(exact), new WildcardIndex(wildcards));
  }

  /** Vault's merge: deny absorbs everything, otherwise the union. */
  static int mergeBits(int a, int b) {
    return ((a | b) & DENY_BIT) != 0 ? DENY_BIT : a | b;
  }

  @Override
  public Decision authorize(Caller caller, String path, Capability capability) {
    if (caller.isRoot()) {
      return ROOT;
    }
    Set<String> held = caller.policies();
    String p = trimLeadingSlashes(path);
    CompiledPath rule;
    if (capability == Capability.LIST) {
      String withSlash = p.endsWith("/") ? p : p + "/";
      String without = withSlash.substring(0, withSlash.length() - 1);
      rule = exactFor(held, withSlash);
      if (rule == null) {
        rule = exactFor(held, without);
      }
      if (rule == null) {
        rule = wildcardFor(held, without);
      }
      if (rule == null) {
        rule = wildcardFor(held, withSlash);
      }
    } else {
      rule = exactFor(held, p);
      if (rule == null) {
        rule = wildcardFor(held, p);
      }
    }
    if (rule == null) {
      return NO_MATCH;
    }
    return decide(rule, held, capability);
  }

  private static String trimLeadingSlashes(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return i == 0 ? path : path.substring(i);
  }

  private CompiledPath exactFor(Set<String> held, String path) {
    CompiledPath p = exact.get(path);
    return p != null && holdsAny(p, held) ? p : null;
  }

  private CompiledPath wildcardFor(Set<String> held, String path) {
    return wildcards.find(path, held);
  }

  static boolean holdsAny(CompiledPath p, Set<String> held) {
    for (String name : p.policies) {
      if (held.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static Decision decide(CompiledPath rule, Set<String> held, Capability capability) {
    int bits = 0;
    int granting = -1;
    int denying = -1;
    int want = 1 << capability.ordinal();
    for (int i = 0; i < rule.policies.length; i++) {
      if (!held.contains(rule.policies[i])) {
        continue;
      }
      bits = mergeBits(bits, rule.bits[i]);
      if ((rule.bits[i] & DENY_BIT) != 0 && denying < 0) {
        denying = i;
      }
      if ((rule.bits[i] & want) != 0 && granting < 0) {
        granting = i;
      }
    }
    if (denying >= 0) {
      return rule.deniedBy(denying);
    }
    if (capability != Capability.DENY && (bits & want) != 0) {
      return rule.allowedBy(granting, capability);
    }
    return rule.notGranted(capability);
  }
}
