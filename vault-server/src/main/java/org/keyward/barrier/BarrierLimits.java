package org.keyward.barrier;

/**
 * Tunables of the encryption counters, injectable so tests can reach them with few writes.
 *
 * @param reserveBlock how many encryptions one persisted reservation covers: the stored counter is
 *     a ceiling written before use, so a crash can lose at most one block of the key's budget
 * @param rotateAfter encryptions under one key after which the keyring rotates by itself; NIST SP
 *     800-38D allows 2^32 random-IV GCM encryptions per key, and we stop at half of that
 */
public record BarrierLimits(long reserveBlock, long rotateAfter) {
  public static final BarrierLimits DEFAULT = new BarrierLimits(1L << 20, 1L << 31);

  public BarrierLimits {
    if (reserveBlock < 2 || rotateAfter < 1 || rotateAfter > (1L << 32) - 2 * reserveBlock) {
      throw new IllegalArgumentException("barrier limits out of range");
    }
  }
}
