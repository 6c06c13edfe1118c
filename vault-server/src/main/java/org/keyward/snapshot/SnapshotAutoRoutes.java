package org.keyward.snapshot;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Vault's automated snapshot API (relative to {@code sys/}), all sudo: {@code
 * storage/raft/snapshot-auto/config/<name>} (write, read, list, delete) and {@code
 * storage/raft/snapshot-auto/status/<name>}.
 */
public final class SnapshotAutoRoutes {
  private static final String CONFIG = "storage/raft/snapshot-auto/config";

  private final SnapshotScheduler scheduler;

  public SnapshotAutoRoutes(SnapshotScheduler scheduler) {
    this.scheduler = scheduler;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.write(CONFIG + "/:name", SnapshotAutoRoutes::schedule, this::write)
            .requiringSudo(),
        Operation.read(CONFIG + "/:name", SnapshotAutoRoutes::name, this::read).requiringSudo(),
        Operation.delete(CONFIG + "/:name", SnapshotAutoRoutes::name, this::delete).requiringSudo(),
        Operation.list(CONFIG, r -> r, this::list).requiringSudo(),
        Operation.read(
                "storage/raft/snapshot-auto/status/:name", SnapshotAutoRoutes::name, this::status)
            .requiringSudo());
  }

  private static String name(RequestContext request) {
    return SnapshotSchedule.requireName(request.param("name"));
  }

  private static SnapshotSchedule schedule(RequestContext request) {
    return SnapshotSchedule.from(name(request), request.body());
  }

  private Future<VaultResponse> write(SnapshotSchedule schedule, RequestContext request) {
    return scheduler.put(schedule).map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> read(String name, RequestContext request) {
    return scheduler
        .get(name)
        .map(s -> VaultResponse.data(s.orElseThrow(ApiError::notFound).toJson()));
  }

  private Future<VaultResponse> delete(String name, RequestContext request) {
    return scheduler.delete(name).map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> list(RequestContext ignored, RequestContext request) {
    return scheduler
        .list()
        .map(
            names -> {
              if (names.isEmpty()) {
                throw ApiError.notFound();
              }
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(names)));
            });
  }

  private Future<VaultResponse> status(String name, RequestContext request) {
    return Future.succeededFuture(
        VaultResponse.data(scheduler.status(name).orElseThrow(ApiError::notFound).toJson()));
  }
}
