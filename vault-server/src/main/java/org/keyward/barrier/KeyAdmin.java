package org.keyward.barrier;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Keyring and KEK rotation for the {@code sys} routes. Every change rewrites {@code core/keyring}
 * in one atomic storage write; failures are {@link BarrierException}s, mapped to HTTP at the edge.
 */
public interface KeyAdmin {
  /** The primary keyring term, when it was installed, and how many encryptions it has made. */
  record KeyStatus(int term, Instant installTime, long encryptions) {}

  /** KEK versions present in the HSM token, ascending, and the one wrapping the keyring. */
  record KekStatus(List<Integer> versions, int inUse) {
    public KekStatus {
      versions = List.copyOf(versions);
    }
  }

  /** Adds a keyring key and makes it primary; older entries still read. */
  Future<KeyStatus> rotate();

  KeyStatus keyStatus();

  /** Creates the next KEK version in the HSM and rewraps the keyring under it; returns it. */
  Future<Integer> rotateKek();

  Future<KekStatus> kekStatus();

  /** Destroys KEK {@code version} in the HSM; refuses the one wrapping the keyring. */
  Future<Void> destroyKek(int version);

  /**
   * Removes keyring terms older than the primary. Refused unless a completed re-encryption to the
   * primary term found no entry left under an older one.
   */
  Future<List<Integer>> retireOlderTerms();
}
