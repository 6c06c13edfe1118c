package org.keyward.sys;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * This node's place in an HA cluster as {@code sys/leader}, {@code sys/health} and {@code
 * sys/step-down} see it. Reads are in-memory and safe on the event loop.
 */
public interface HaStatus {
  /** The active node as this node last saw it. */
  record Leader(String address, Instant activeSince, boolean isSelf) {}

  boolean haEnabled();

  /** True while this node is the active node and its lease has not run out. */
  boolean isActive();

  /** The current leader, if one holds a live lease. */
  Optional<Leader> leader();

  /** Gives up leadership (another node may take over); fails if this node is not the active. */
  Future<Void> stepDown();

  /** A single node without HA: always active, never a standby. */
  HaStatus NONE =
      new HaStatus() {
        @Override
        public boolean haEnabled() {
          return false;
        }

        @Override
        public boolean isActive() {
          return true;
        }

        @Override
        public Optional<Leader> leader() {
          return Optional.empty();
        }

        @Override
        public Future<Void> stepDown() {
          return Future.succeededFuture();
        }
      };
}
