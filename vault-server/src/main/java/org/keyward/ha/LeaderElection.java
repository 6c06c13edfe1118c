package org.keyward.ha;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.keyward.http.ApiError;
import org.keyward.storage.postgres.PostgresLeaderLease;
import org.keyward.sys.HaStatus;

/**
 * Leader election over a {@link PostgresLeaderLease}: every {@link Timing#tick} a standby tries to
 * take a free lease and the active renews its own. The active counts as active only while its lease
 * is surely live by its own monotonic clock (renewal start + lease time), so a process that was
 * paused past its lease stops serving the moment it runs again, before it learns it was deposed;
 * its writes are refused by the storage's fence in any case. A lost lease, a failed renewal past
 * that deadline, or {@code sys/step-down} makes the node a standby: fenced, caches dropped.
 *
 * <p>All state changes run on one Vert.x context, one tick at a time; reads are volatile.
 */
public final class LeaderElection implements HaStatus {
  private static final System.Logger LOG = System.getLogger(LeaderElection.class.getName());

  /**
   * @param lease how long a lease lasts without renewal: the failover time after a pause or a cut
   *     connection (a killed process frees its lease at once)
   * @param tick how often a standby looks for a free lease and the active renews
   */
  public record Timing(Duration lease, Duration tick) {
    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(10), Duration.ofMillis(250));

    public Timing {
      if (tick.multipliedBy(3).compareTo(lease) > 0) {
        throw new IllegalArgumentException("the lease must outlast three ticks");
      }
    }
  }

  private final Vertx vertx;
  private final PostgresLeaderLease lease;
  private final String apiAddr;
  private final Activation activation;
  private final Timing timing;
  private final AtomicLong changes = new AtomicLong();
  private volatile long epoch = -1;
  private volatile long deadlineNanos;
  private volatile Optional<Leader> leader = Optional.empty();
  private volatile long holdOffUntilNanos;
  private boolean busy; // confined to the timer's context
  private volatile boolean serving;
  private volatile boolean activating;
  private int activationFailures;
  private long timer = -1;

  public LeaderElection(
      Vertx vertx,
      PostgresLeaderLease lease,
      String apiAddr,
      Activation activation,
      Timing timing) {
    this.vertx = vertx;
    this.lease = lease;
    this.apiAddr = apiAddr;
    this.activation = activation;
    this.timing = timing;
  }

  /** Starts contending: the first tick runs at once. */
  public void start() {
    vertx.runOnContext(
        v -> {
          tick();
          timer = vertx.setPeriodic(timing.tick().toMillis(), id -> tick());
        });
  }

  /** Stops contending and frees a held lease so a standby takes over without waiting. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    long held = epoch;
    epoch = -1;
    lease.fenceNow();
    return held < 0 ? Future.succeededFuture() : lease.release(held).otherwiseEmpty();
  }

  @Override
  public boolean haEnabled() {
    return true;
  }

  @Override
  public boolean isActive() {
    return epoch >= 0 && System.nanoTime() - deadlineNanos < 0;
  }

  @Override
  public Optional<Leader> leader() {
    return leader;
  }

  /** Leadership changes this node has seen (won or lost), for metrics. */
  public long leadershipChanges() {
    return changes.get();
  }

  @Override
  public Future<Void> stepDown() {
    long held = epoch;
    if (held < 0) {
      return Future.failedFuture(ApiError.badRequest("this node is not the active node"));
    }
    // Sit out a few ticks so another node takes the lease first; this one may win it later.
    holdOffUntilNanos = System.nanoTime() + timing.lease().toNanos();
    return lose("stepped down on request").compose(v -> lease.release(held));
  }

  private void tick() {
    if (busy) {
      return;
    }
    busy = true;
    Future<?> round = epoch >= 0 ? renew() : contend();
    round.onComplete(
        ar -> {
          busy = false;
          if (ar.failed()) {
            LOG.log(Level.DEBUG, "HA tick failed: " + ar.cause().getMessage());
          }
        });
  }

  private Future<Void> renew() {
    long held = epoch;
    long started = System.nanoTime();
    return lease
        .renew(held, timing.lease())
        .compose(
            stillHeld -> {
              if (stillHeld) {
                deadlineNanos = started + timing.lease().toNanos();
                if (!serving && !activating) {
                  activate(held);
                }
                return Future.<Void>succeededFuture();
              }
              return lose("another node took over");
            },
            e -> {
              if (System.nanoTime() - deadlineNanos >= 0) {
                return lose("lease not renewed in time: " + e.getMessage());
              }
              return Future.<Void>failedFuture(e);
            });
  }

  private Future<Void> contend() {
    if (!activation.mayLead() || System.nanoTime() - holdOffUntilNanos < 0) {
      return refreshLeader();
    }
    long started = System.nanoTime();
    return lease
        .tryAcquire(apiAddr, timing.lease())
        .compose(won -> won.isPresent() ? win(won, started) : refreshLeader());
  }

  private Future<Void> win(OptionalLong acquired, long started) {
    deadlineNanos = started + timing.lease().toNanos();
    epoch = acquired.getAsLong();
    changes.incrementAndGet();
    leader = Optional.of(new Leader(apiAddr, Instant.now(), true));
    LOG.log(Level.INFO, "HA: this node is now the active node (epoch " + epoch + ")");
    // Not part of the tick: renewals go on while the vault unseals and loads, however slowly.
    activationFailures = 0;
    activate(epoch);
    return Future.succeededFuture();
  }

  /**
   * Not part of the tick: renewals go on while the vault unseals and loads, however slowly. A
   * failed activation (storage just back, not initialised yet) is tried again at the next renewal.
   */
  private void activate(long won) {
    activating = true;
    activation
        .becomeActive()
        .onSuccess(
            v -> {
              serving = epoch == won;
              LOG.log(Level.INFO, "HA: active and serving (epoch " + won + ")");
            })
        .onFailure(
            e -> {
              if (activationFailures++ == 0) {
                LOG.log(
                    Level.WARNING,
                    "HA: active but not unsealed ("
                        + e.getMessage()
                        + "); serving sealed, retrying");
              }
            })
        .onComplete(ar -> activating = false);
  }

  private Future<Void> lose(String why) {
    if (epoch < 0) {
      return Future.succeededFuture();
    }
    epoch = -1;
    serving = false;
    lease.fenceNow();
    changes.incrementAndGet();
    leader = Optional.empty();
    LOG.log(Level.WARNING, "HA: stepping down to standby: " + why);
    // Learn the new active at once, so forwarding works without waiting for the next tick.
    refreshLeader();
    return activation.becomeStandby();
  }

  private Future<Void> refreshLeader() {
    return lease
        .leader()
        .map(
            found -> {
              leader =
                  found.map(
                      l ->
                          new Leader(
                              l.apiAddr(), l.acquiredAt(), l.nodeId().equals(lease.nodeId())));
              return null;
            });
  }
}
