package org.keyward.compliance;

import java.util.Locale;

/** How a finding, a section or the whole report stands; later constants are worse. */
public enum Status {
  OK,
  /** Not failing yet, but due soon (a key near its maximum age, a certificate near expiry). */
  WARNING,
  /** Held against the policy, it fails now. */
  FAILING;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of the two. */
  Status worst(Status other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
