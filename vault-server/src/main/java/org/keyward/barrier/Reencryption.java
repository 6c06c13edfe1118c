package org.keyward.barrier;

import io.vertx.core.Future;

/**
 * The background re-encryption as the {@code sys} routes drive it: rewrite every entry under the
 * primary keyring term so older terms can be retired. Progress is stored, so it survives restarts.
 */
public interface Reencryption {
  /** Starts a job to the current primary term; 400 if one is running, 503 while sealed. */
  Future<ReencryptProgress> start();

  /** The stored progress of the last job; {@link ReencryptProgress#IDLE} if none ran. */
  Future<ReencryptProgress> status();
}
