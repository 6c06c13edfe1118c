package org.keyward.engine;

import io.vertx.core.Future;
import java.util.List;

/**
 * What a mounted engine proves in a restore drill, run on an unstarted copy of it over the restored
 * scratch store: that each of its keys still does its job (encrypts and decrypts a sample, signs
 * something that verifies). The copy runs no background work and may write only to the scratch
 * store.
 */
public interface DrillCheck {
  /**
   * One key checked.
   *
   * @param item what was checked, e.g. {@code transit key orders}
   * @param failure what went wrong, empty when the key worked
   */
  record Checked(String item, String failure) {
    public boolean ok() {
      return failure.isEmpty();
    }
  }

  /** Checks every key; a key that fails is a result, not a failed future. */
  Future<List<Checked>> drill();
}
