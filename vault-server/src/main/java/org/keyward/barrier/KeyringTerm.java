package org.keyward.barrier;

import java.time.Instant;
import java.util.Objects;

/**
 * One key of the keyring: its term number (1 for the first key, +1 per rotation), the Tink key id
 * that prefixes every ciphertext it made, and when it was installed.
 */
public record KeyringTerm(int term, int keyId, Instant installTime) {
  public KeyringTerm {
    if (term < 1) {
      throw new IllegalArgumentException("term must be >= 1");
    }
    Objects.requireNonNull(installTime, "installTime");
  }

  /** A stable text form, bound as associated data so stored term metadata cannot be altered. */
  String canonical() {
    return term + ":" + Integer.toUnsignedString(keyId) + ":" + installTime.toEpochMilli();
  }
}
