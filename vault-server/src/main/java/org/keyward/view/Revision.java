package org.keyward.view;

import java.util.Arrays;

/**
 * Which stored version of an entry a read saw, for optimistic writes: a {@link ViewOp#expect} with
 * it applies only if nobody wrote the entry since. Opaque to engines; only a {@link StorageView}
 * implementation makes one from, or looks at, the stored bytes it stands for.
 */
public final class Revision {
  private final byte[] stored;

  private Revision(byte[] stored) {
    this.stored = stored.clone();
  }

  /** For a view implementation: the revision of an entry stored as {@code stored}. */
  public static Revision ofStored(byte[] stored) {
    return new Revision(stored);
  }

  /** For a view implementation: the stored bytes to compare inside its transaction. */
  public byte[] stored() {
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
