package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.engine.MountEntry;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code sys/auth}: list, enable, read, tune and disable auth methods, in Vault's shapes. Paths are
 * given without {@code auth/} ({@code sys/auth/approle} enables {@code auth/approle/}) and listed
 * that way; the built-in {@code token/} is always listed and cannot be changed. Changing the table
 * needs {@code sudo}, as in Vault.
 */
public final class SysAuthRoutes {
  /** Vault's default token type for an auth mount. */
  private static final String TOKEN_TYPE = "default-service";

  private final MountTable table;

  /**
   * @param table the {@link MountKind#AUTH} table
   */
  public SysAuthRoutes(MountTable table) {
    this.table = table;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("auth", request -> null, this::list),
        Operation.read("auth/*path/tune", SysAuthRoutes::pathOf, this::readTune),
        Operation.write("auth/*path/tune", SysAuthRoutes::tuneRequest, this::tune).requiringSudo(),
        Operation.read("auth/*path", SysAuthRoutes::pathOf, this::read),
        Operation.write("auth/*path", SysAuthRoutes::enableRequest, this::enable).requiringSudo(),
        Operation.delete("auth/*path", SysAuthRoutes::pathOf, this::disable).requiringSudo());
  }

  /** {@code auth/} plus the normalized path parameter, e.g. {@code auth/approle/}. */
  static String pathOf(RequestContext request) {
    return MountKind.AUTH_PREFIX + MountPaths.normalize(request.param("path"));
  }

  static MountEnableRequest enableRequest(RequestContext request) {
    JsonObject body = request.body();
    JsonObject config = Fields.object(body, "config");
    if (config == null) {
      config = new JsonObject();
    }
    return new MountEnableRequest(
        pathOf(request),
        Fields.requiredString(body, "type").trim(),
        Fields.string(body, "description", ""),
        MountEnableRequest.options(body),
        MountTuneRequest.ttl(config, "default_lease_ttl", 0),
        MountTuneRequest.ttl(config, "max_lease_ttl", 0));
  }

  static MountTuneRequest tuneRequest(RequestContext request) {
    MountTuneRequest relative = MountTuneRequest.from(request);
    return new MountTuneRequest(
        pathOf(request),
        relative.description(),
        relative.defaultLeaseTtl(),
        relative.maxLeaseTtl(),
        relative.options());
  }

  private Future<VaultResponse> list(Object ignored, RequestContext request) {
    JsonObject data = new JsonObject();
    for (MountEntry e : table.allMounts()) {
      data.put(relative(e), describe(e));
    }
    return Future.succeededFuture(VaultResponse.sysData(data));
  }

  private Future<VaultResponse> read(String path, RequestContext request) {
    return Future.succeededFuture(VaultResponse.sysData(describe(exact(path))));
  }

  private Future<VaultResponse> readTune(String path, RequestContext request) {
    return Future.succeededFuture(
        VaultResponse.sysData(MountResponses.tune(exact(path)).put("token_type", TOKEN_TYPE)));
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

  private static JsonObject describe(MountEntry e) {
    JsonObject j = MountResponses.mount(e);
    j.getJsonObject("config").put("token_type", TOKEN_TYPE);
    return j;
  }

  private static String relative(MountEntry e) {
    return e.path().substring(MountKind.AUTH_PREFIX.length());
  }

  private MountEntry exact(String path) {
    return table.allMounts().stream()
        .filter(e -> e.path().equals(path))
        .findFirst()
        .orElseThrow(
            () ->
                ApiError.badRequest(
                    "no auth method is enabled at '"
                        + path.substring(MountKind.AUTH_PREFIX.length())
                        + "'"));
  }
}
