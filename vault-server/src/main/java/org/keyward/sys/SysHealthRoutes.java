package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.keyward.barrier.SealState;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code GET|HEAD sys/health}: Vault's flat health object, with the state carried by the status
 * (200 active, 429 standby, 501 not initialised, 503 sealed, each overridable by {@link
 * HealthQuery}). Unauthenticated, served while sealed and not audited, as in Vault, so load
 * balancers can poll it. Reads only in-memory state: safe on the event loop.
 */
public final class SysHealthRoutes {
  private final SealState seal;
  private final BooleanSupplier standby;
  private final NodeIdentity node;
  private final Clock clock;

  /**
   * @param standby true while this node is an HA standby (never without HA)
   */
  public SysHealthRoutes(SealState seal, BooleanSupplier standby, NodeIdentity node, Clock clock) {
    this.seal = seal;
    this.standby = standby;
    this.node = node;
    this.clock = clock;
  }

  /** The operations below the {@code sys/} mount. */
  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("health", HealthQuery::from, this::health)
            .with(
                Operation.Flag.UNAUTHENTICATED,
                Operation.Flag.WHILE_SEALED,
                Operation.Flag.NOT_AUDITED));
  }

  private Future<VaultResponse> health(HealthQuery query, RequestContext request) {
    boolean initialized = seal.isInitialized();
    boolean sealed = seal.isSealed();
    boolean isStandby = standby.getAsBoolean();
    JsonObject body =
        new JsonObject()
            .put("initialized", initialized)
            .put("sealed", sealed)
            .put("hsm_reachable", seal.isHsmReachable())
            .put("standby", isStandby)
            .put("performance_standby", false)
            .put("replication_performance_mode", "disabled")
            .put("replication_dr_mode", "disabled")
            .put("server_time_utc", clock.instant().getEpochSecond())
            .put("version", node.version())
            .put("cluster_name", node.clusterName())
            .put("cluster_id", node.clusterId());
    int status = query.statusFor(initialized, sealed, isStandby);
    return Future.succeededFuture(VaultResponse.flat(status, body));
  }
}
