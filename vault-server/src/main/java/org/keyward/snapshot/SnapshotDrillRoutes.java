package org.keyward.snapshot;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Restore drills (relative to {@code sys/}), sudo: {@code POST storage/snapshot-drill} with {@code
 * schedule} and {@code file} (a snapshot in that schedule's directory) or with the snapshot as an
 * {@code application/octet-stream} body; {@code GET storage/snapshot-drill} lists the stored
 * results, newest first.
 */
public final class SnapshotDrillRoutes {
  private final SnapshotService snapshots;
  private final SnapshotScheduler scheduler;
  private final SnapshotScheduler.DrillRunner drills;
  private final DrillHistory history;

  public SnapshotDrillRoutes(
      SnapshotService snapshots,
      SnapshotScheduler scheduler,
      SnapshotScheduler.DrillRunner drills,
      DrillHistory history) {
    this.snapshots = snapshots;
    this.scheduler = scheduler;
    this.drills = drills;
    this.history = history;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.write("storage/snapshot-drill", r -> r, this::drill).requiringSudo(),
        Operation.read("storage/snapshot-drill", r -> r, this::list).requiringSudo());
  }

  private Future<VaultResponse> drill(RequestContext ignored, RequestContext request) {
    if (request.upload().isPresent()) {
      return snapshots
          .receive(request.upload().get(), SnapshotService.MAX_UPLOAD_BYTES)
          .compose(file -> drills.drill(file).eventually(() -> snapshots.discard(file)))
          .map(VaultResponse::data);
    }
    String name = SnapshotSchedule.requireName(Fields.requiredString(request.body(), "schedule"));
    String file = Fields.requiredString(request.body(), "file");
    return scheduler
        .get(name)
        .compose(
            schedule -> {
              SnapshotSchedule s =
                  schedule.orElseThrow(
                      () -> ApiError.badRequest("no snapshot schedule named " + name));
              if (file.contains("/") || !s.owns(file)) {
                throw ApiError.badRequest(
                    "field 'file' must name a snapshot file of schedule " + name);
              }
              Path path = s.pathPrefix().resolve(file);
              return drills.drill(path);
            })
        .map(VaultResponse::data);
  }

  private Future<VaultResponse> list(RequestContext ignored, RequestContext request) {
    return history.list().map(all -> VaultResponse.data(new JsonObject().put("drills", all)));
  }
}
