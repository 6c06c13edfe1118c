package org.keyward.engine.transit;

import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass of background key upkeep: rotates every key whose {@code auto_rotate_period} has passed
 * since its latest version was made, then persists encryption counters. {@link TransitEngine} runs
 * it on a timer; a failed key is logged and retried next pass.
 */
final class AutoRotation {
  private static final System.Logger LOG = System.getLogger(AutoRotation.class.getName());

  private final TransitKeyStore store;
  private final Clock clock;

  AutoRotation(TransitKeyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Completes when every due key was handled; never fails. */
  Future<Void> runOnce() {
    long now = clock.instant().getEpochSecond();
    return store
        .list()
        .compose(
            names -> {
              List<Future<?>> rotations = new ArrayList<>();
              for (String n : names) {
                KeyName name = new KeyName(n);
                rotations.add(
                    store
                        .find(name)
                        .compose(
                            found -> {
                              if (found.isEmpty() || !due(found.get().key(), now)) {
                                return Future.succeededFuture();
                              }
                              return store.rotate(name).mapEmpty();
                            })
                        .onFailure(
                            e ->
                                LOG.log(
                                    Level.WARNING, "auto-rotation of transit key {0} failed", n)));
              }
              return Future.join(rotations);
            })
        .compose(ignored -> store.persistCounts())
        .otherwiseEmpty();
  }

  static boolean due(TransitKey key, long nowSeconds) {
    if (key.autoRotatePeriodSeconds() == 0) {
      return false;
    }
    KeyVersion latest = key.version(key.latestVersion());
    return latest != null && nowSeconds - latest.creationTime() >= key.autoRotatePeriodSeconds();
  }
}
