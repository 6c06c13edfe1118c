package org.keyward.barrier;

import java.util.Arrays;

/**
 * Which stored version of an entry a read saw, for optimistic writes: a {@link ViewOp#expect} with
 * it applies only if nobody wrote the entry since. Opaque to engines.
 */
public final class Revision {
  private final byte[] stored;

  Revision(byte[] stored) {
    this.stored = stored.clone();
  }

  byte[] stored() {
    return stored.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Revision r && Arrays.equals(r.stored, stored);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(stored);
  }

  @Override
  public String toString() {
    return "Revision[" + Integer.toHexString(hashCode()) + "]";
  }
}
