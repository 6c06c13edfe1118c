package org.keyward.compliance;

import java.util.Locale;

/** How a finding, a section or the whole report stands; later constants are worse. */
public enum Status {
  OK,
  /** Not failing yet, but due soon (a key near its maximum age, a certificate near expiry). */
  WARNING,
  /** Held against the policy, it fails now. */
  FAILING,
  /** The feature the section reports on is not part of this build yet. */
  NOT_BUILT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of the two; {@code NOT_BUILT} never outweighs a real status. */
  Status worst(Status other) {
    if (this == NOT_BUILT) {
      return other;
    }
    if (other == NOT_BUILT) {
      return this;
    }
    return other.ordinal() > ordinal() ? other : this;
  }
}
