package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.engine.MountEntry;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code sys/internal/ui/mounts/*path}: which mount serves a path, with its type and options. The
 * {@code vault kv} CLI calls it before every command to learn the mount and the kv version (a 404
 * makes it fall back to kv v1 paths). Without a path it lists secret and auth mounts.
 */
public final class SysInternalUiRoutes {
  private final MountTable table;
  private final MountTable auths;

  public SysInternalUiRoutes(MountTable table) {
    this(table, table);
  }

  /**
   * @param auths the auth method table, listed under {@code auth}
   */
  public SysInternalUiRoutes(MountTable table, MountTable auths) {
    this.table = table;
    this.auths = auths;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read(
            "internal/ui/mounts/*path", request -> request.param("path"), this::mountOf));
  }

  private Future<VaultResponse> mountOf(String path, RequestContext request) {
    if (path.isEmpty()) {
      return Future.succeededFuture(VaultResponse.sysData(all()));
    }
    MountEntry entry = table.mountServing(path).orElseThrow(ApiError::notFound);
    return Future.succeededFuture(VaultResponse.sysData(MountResponses.uiMount(entry)));
  }

  private JsonObject all() {
    JsonObject secret = new JsonObject();
    JsonObject auth = new JsonObject();
    for (MountEntry e : table.allMounts()) {
      if (!e.path().startsWith("auth/")) {
        secret.put(e.path(), MountResponses.mount(e));
      }
    }
    for (MountEntry e : auths.allMounts()) {
      if (e.path().startsWith("auth/")) {
        auth.put(e.path().substring("auth/".length()), MountResponses.mount(e));
      }
    }
    return new JsonObject().put("secret", secret).put("auth", auth);
  }
}
