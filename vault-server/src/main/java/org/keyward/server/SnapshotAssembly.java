package org.keyward.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.keyward.barrier.HsmGateway;
import org.keyward.engine.BackendFactory;
import org.keyward.http.Operation;
import org.keyward.snapshot.DrillHistory;
import org.keyward.snapshot.SnapshotAutoRoutes;
import org.keyward.snapshot.SnapshotDrillRoutes;
import org.keyward.snapshot.SnapshotRoutes;
import org.keyward.snapshot.SnapshotScheduler;
import org.keyward.snapshot.SnapshotService;
import org.keyward.storage.Storage;
import org.keyward.view.StorageView;

/**
 * Snapshots as the server runs them: the service over the raw storage, manifests signed with the
 * HSM snapshot key, work files under {@code workDir}, restores wrapped by the vault's reseal and
 * reload, and the {@code sys/storage/*} routes.
 */
final class SnapshotAssembly {
  private static final System.Logger LOG = System.getLogger(SnapshotAssembly.class.getName());

  private final SnapshotService snapshots;
  private final SnapshotScheduler scheduler;
  private final DrillHistory history;
  private final SnapshotScheduler.DrillRunner drills;

  /**
   * @param schedules where the automated snapshot configurations live (in the barrier)
   * @param drills where restore drill results are kept (in the barrier)
   * @param isActive whether this node takes scheduled snapshots (in HA, only the active node)
   * @param engines the engine factories, for drills to check restored keys with
   */
  SnapshotAssembly(
      Vertx vertx,
      Storage storage,
      HsmGateway hsm,
      List<BackendFactory> engines,
      String clusterId,
      Path workDir,
      StorageView schedules,
      StorageView drills,
      Clock clock,
      BooleanSupplier isActive,
      SnapshotService.VaultReload reload) {
    this.snapshots =
        new SnapshotService(
            vertx, storage, HsmKeySigner.snapshot(hsm), clusterId, workDir, clock, reload);
    this.scheduler = new SnapshotScheduler(vertx, snapshots, schedules, clock, isActive);
    this.history = new DrillHistory(drills);
    SnapshotDrill drill =
        new SnapshotDrill(vertx, hsm, snapshots, history, workDir, engines, clock);
    this.drills = drill::run;
    scheduler.drillWith(this.drills);
  }

  /**
   * What the compliance report's backups section holds: every schedule's status and the newest
   * restore drill result (null when none ran).
   */
  Future<JsonObject> complianceFacts() {
    return scheduler
        .statuses()
        .compose(
            schedules ->
                history
                    .list()
                    .map(
                        drills ->
                            new JsonObject()
                                .put("schedules", schedules)
                                .put(
                                    "last_drill",
                                    drills.isEmpty() ? null : drills.getJsonObject(0))));
  }

  SnapshotScheduler scheduler() {
    return scheduler;
  }

  /** Restarts the schedules from their stored configurations (after each load). */
  void reload() {
    scheduler
        .reload()
        .onFailure(e -> LOG.log(Level.WARNING, "loading snapshot schedules failed", e));
  }

  /** Registers {@code keyward_snapshot_failures_total} and the last success timestamp. */
  void registerMetrics(MeterRegistry registry) {
    FunctionCounter.builder("keyward.snapshot.failures", scheduler, SnapshotScheduler::failures)
        .description("automated snapshot runs that failed")
        .register(registry);
    Gauge.builder(
            "keyward.snapshot.last.success.timestamp.seconds",
            scheduler,
            SnapshotScheduler::lastSuccessEpochSeconds)
        .description("when an automated snapshot last succeeded, in Unix seconds (0: never)")
        .register(registry);
  }

  SnapshotService service() {
    return snapshots;
  }

  List<Operation<?>> operations() {
    List<Operation<?>> ops = new ArrayList<>(new SnapshotRoutes(snapshots).operations());
    ops.addAll(new SnapshotAutoRoutes(scheduler).operations());
    ops.addAll(new SnapshotDrillRoutes(snapshots, scheduler, drills, history).operations());
    return ops;
  }
}
