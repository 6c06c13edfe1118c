package org.keyward.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.keyward.http.Capability;

/**
 * One {@code path "..." { capabilities = [...] }} stanza of a policy: the pattern as written and
 * the capabilities it grants. A {@code deny} among them leaves only {@code deny}, as in Vault.
 *
 * @param pattern the path pattern, without a leading slash; {@code *} only at the end, {@code +}
 *     only as a whole segment
 */
public record PathRule(String pattern, Set<Capability> capabilities) {
  public PathRule {
    EnumSet<Capability> granted = EnumSet.noneOf(Capability.class);
    granted.addAll(capabilities);
    capabilities =
        Collections.unmodifiableSet(
            granted.contains(Capability.DENY) ? EnumSet.of(Capability.DENY) : granted);
  }

  /** The capabilities as a bit set indexed by {@link Capability#ordinal()}. */
  int bits() {
    int bits = 0;
    for (Capability c : capabilities) {
      bits |= 1 << c.ordinal();
    }
    return bits;
  }
}
