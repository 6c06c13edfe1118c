package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code GET sys/leader} (unauthenticated, served by standbys too, as in Vault) and {@code PUT
 * sys/step-down} (sudo: the active gives up leadership and may win it again later).
 */
public final class SysLeaderRoutes {
  private final HaStatus ha;

  public SysLeaderRoutes(HaStatus ha) {
    this.ha = ha;
  }

  /** The operations below the {@code sys/} mount. */
  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("leader", NoInput::from, this::leader)
            .with(
                Operation.Flag.UNAUTHENTICATED,
                Operation.Flag.WHILE_SEALED,
                Operation.Flag.NOT_AUDITED),
        Operation.write("step-down", NoInput::from, this::stepDown).requiringSudo());
  }

  private Future<VaultResponse> leader(NoInput input, RequestContext request) {
    return Future.succeededFuture(VaultResponse.flat(200, leaderJson(ha)));
  }

  /** {@code sys/leader}'s body, as Vault shapes it; the compliance report shows it too. */
  public static JsonObject leaderJson(HaStatus ha) {
    JsonObject body = new JsonObject().put("ha_enabled", ha.haEnabled());
    HaStatus.Leader leader = ha.leader().orElse(null);
    body.put("is_self", leader != null && leader.isSelf())
        .put(
            "active_time",
            leader == null ? "0001-01-01T00:00:00Z" : leader.activeSince().toString())
        .put("leader_address", leader == null ? "" : leader.address())
        .put("leader_cluster_address", leader == null ? "" : leader.address())
        .put("performance_standby", false)
        .put("performance_standby_last_remote_wal", 0);
    return body;
  }

  private Future<VaultResponse> stepDown(NoInput input, RequestContext request) {
    return ha.stepDown().map(v -> VaultResponse.noContent());
  }
}
