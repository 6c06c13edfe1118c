package org.keyward.policy;

import java.util.Comparator;
import org.keyward.http.Authorizer;
import org.keyward.http.Capability;

/**
 * One distinct path pattern across all policies, ready for matching, with Vault's priority keys.
 * Patterns are kept as written, so {@code secret/foo} (exact) and {@code secret/foo*} (prefix) are
 * two entries, as in Vault.
 */
final class CompiledPath {
  enum Kind {
    EXACT,
    PREFIX,
    SEGMENT_WILDCARD
  }

  /**
   * Highest priority first, by Vault's documented order: the first wildcard ({@code +} or {@code
   * *}) later wins; not ending in {@code *} wins; fewer {@code +} segments win; longer wins; and,
   * last, the lexicographically larger wins (Vault treats smaller as lower priority).
   */
  static final Comparator<CompiledPath> BY_PRIORITY =
      Comparator.comparingInt((CompiledPath p) -> p.firstWildcard)
          .thenComparing(p -> !p.endsInGlob)
          .thenComparingInt(p -> -p.plusSegments)
          .thenComparingInt(p -> p.stem.length())
          .thenComparing(p -> p.stem)
          .reversed();

  final String pattern;
  final Kind kind;

  /** The pattern without a trailing {@code *}. */
  final String stem;

  final boolean endsInGlob;
  final int firstWildcard;
  final int plusSegments;
  private final String[] segments;

  /** Per policy holding this pattern: its name and merged capability bits (parallel arrays). */
  final String[] policies;

  final int[] bits;

  // Decisions made up front so that authorizing allocates nothing: [policy][capability] for the
  // capabilities a policy grants here, [policy] for a policy that denies here, [capability] for
  // a capability no policy grants here.
  private final Authorizer.Decision[][] allowedBy;
  private final Authorizer.Decision[] deniedBy;
  private final Authorizer.Decision[] notGranted;

  CompiledPath(String pattern, String[] policies, int[] bits) {
    this.pattern = pattern;
    this.policies = policies;
    this.bits = bits;
    this.endsInGlob = pattern.endsWith("*");
    this.stem = endsInGlob ? pattern.substring(0, pattern.length() - 1) : pattern;
    this.segments = stem.split("/", -1);
    int plus = 0;
    for (String s : segments) {
      if (s.equals("+")) {
        plus++;
      }
    }
    this.plusSegments = plus;
    if (plus > 0) {
      kind = Kind.SEGMENT_WILDCARD;
      // The parser allows '+' only as a whole segment, so this is the first '+' segment.
      firstWildcard = pattern.indexOf('+');
    } else if (endsInGlob) {
      kind = Kind.PREFIX;
      firstWildcard = stem.length();
    } else {
      kind = Kind.EXACT;
      firstWildcard = Integer.MAX_VALUE;
    }
    Capability[] all = Capability.values();
    allowedBy = new Authorizer.Decision[policies.length][all.length];
    deniedBy = new Authorizer.Decision[policies.length];
    notGranted = new Authorizer.Decision[all.length];
    for (Capability c : all) {
      notGranted[c.ordinal()] =
          Authorizer.Decision.deny("path \"" + pattern + "\" does not grant " + c.wireName());
    }
    for (int i = 0; i < policies.length; i++) {
      String where = "policy \"" + policies[i] + "\" path \"" + pattern + "\"";
      deniedBy[i] =
          Authorizer.Decision.deny(
              "policy \"" + policies[i] + "\" denies path \"" + pattern + "\"");
      for (Capability c : all) {
        allowedBy[i][c.ordinal()] = Authorizer.Decision.allow(where + " grants " + c.wireName());
      }
    }
  }

  Authorizer.Decision allowedBy(int policy, Capability capability) {
    return allowedBy[policy][capability.ordinal()];
  }

  Authorizer.Decision deniedBy(int policy) {
    return deniedBy[policy];
  }

  Authorizer.Decision notGranted(Capability capability) {
    return notGranted[capability.ordinal()];
  }

  /** Whether {@code path} matches; allocation-free. */
  boolean matches(String path) {
    switch (kind) {
      case EXACT:
        return path.equals(pattern);
      case PREFIX:
        return path.startsWith(stem);
      default:
        return matchesSegments(path);
    }
  }

  /**
   * Vault's segment matching: {@code +} takes any one segment (even an empty last one); with a
   * trailing {@code *} the last pattern segment need only prefix its path segment and the rest of
   * the path is free; without it the segment counts must be equal.
   */
  private boolean matchesSegments(String path) {
    int start = 0;
    int n = segments.length;
    for (int i = 0; i < n; i++) {
      if (start > path.length()) {
        return false; // fewer path segments than pattern segments
      }
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String seg = segments[i];
      boolean last = i == n - 1;
      if (seg.equals("+")) {
        // any segment
      } else if (last && endsInGlob) {
        if (!path.startsWith(seg, start)) {
          return false;
        }
        return true;
      } else if (end - start != seg.length() || !path.startsWith(seg, start)) {
        return false;
      }
      if (last) {
        return endsInGlob || slash < 0;
      }
      start = slash < 0 ? path.length() + 1 : slash + 1;
    }
    return false;
  }
}
