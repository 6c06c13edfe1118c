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
 * {@code sys/mounts}: list, enable, read, tune and disable secrets engines. Patterns are relative
 * to the {@code sys/} mount; tune comes first so {@code mounts/x/tune} is never read as mount
 * {@code x/tune}.
 */
public final class SysMountsRoutes {
  private final MountTable table;

  public SysMountsRoutes(MountTable table) {
    this.table = table;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("mounts", request -> null, this::list),
        Operation.read("mounts/*path/tune", MountTuneRequest::pathOf, this::readTune),
        Operation.write("mounts/*path/tune", MountTuneRequest::from, this::tune),
        Operation.read("mounts/*path", MountTuneRequest::pathOf, this::read),
        Operation.write("mounts/*path", MountEnableRequest::from, this::enable),
        Operation.delete("mounts/*path", MountTuneRequest::pathOf, this::disable));
  }

  private Future<VaultResponse> list(Object ignored, RequestContext request) {
    JsonObject data = new JsonObject();
    for (MountEntry e : table.allMounts()) {
      if (!e.path().startsWith("auth/")) {
        data.put(e.path(), MountResponses.mount(e));
      }
    }
    return Future.succeededFuture(VaultResponse.sysData(data));
  }

  private Future<VaultResponse> read(String path, RequestContext request) {
    return Future.succeededFuture(VaultResponse.sysData(MountResponses.mount(exact(path))));
  }

  private Future<VaultResponse> readTune(String path, RequestContext request) {
    return Future.succeededFuture(VaultResponse.sysData(MountResponses.tune(exact(path))));
  }

  private Future<VaultResponse> enable(MountEnableRequest in, RequestContext request) {
    return table.mount(in).map(e -> VaultResponse.noContent());
  }

  private Future<VaultResponse> tune(MountTuneRequest in, RequestContext request) {
    return table.tune(in).map(e -> VaultResponse.noContent());
  }

  private Future<VaultResponse> disable(String path, RequestContext request) {
    return table.unmount(path).map(v -> VaultResponse.noContent());
  }

  private MountEntry exact(String path) {
    return table.allMounts().stream()
        .filter(e -> e.path().equals(path))
        .findFirst()
        .orElseThrow(() -> ApiError.badRequest("no mount at '" + path + "'"));
  }
}
