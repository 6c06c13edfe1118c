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
 * {@code sys/mounts} and {@code sys/auth}: list, enable, read, tune and disable the mounted
 * backends of one {@link MountTable}, in Vault's shapes. Patterns are relative to the {@code sys/}
 * mount; tune comes first so {@code mounts/x/tune} is never read as mount {@code x/tune}.
 *
 * <p>The two tables differ only where Vault's answers do: auth method paths are given and listed
 * without {@code auth/} ({@code sys/auth/approle} enables {@code auth/approle/}), their config
 * carries a {@code token_type}, and changing them needs {@code sudo}.
 */
public final class SysMountRoutes {
  /** Vault's default token type for an auth mount. */
  private static final String TOKEN_TYPE = "default-service";

  private final MountTable table;
  private final MountKind kind;
  private final String root;
  private final String pathPrefix;

  private SysMountRoutes(MountTable table, MountKind kind, String root, String pathPrefix) {
    this.table = table;
    this.kind = kind;
    this.root = root;
    this.pathPrefix = pathPrefix;
  }

  /** {@code sys/mounts} over the {@link MountKind#SECRETS} table. */
  public static SysMountRoutes secrets(MountTable table) {
    return new SysMountRoutes(table, MountKind.SECRETS, "mounts", "");
  }

  /** {@code sys/auth} over the {@link MountKind#AUTH} table. */
  public static SysMountRoutes auth(MountTable table) {
    return new SysMountRoutes(table, MountKind.AUTH, "auth", MountKind.AUTH_PREFIX);
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read(root, request -> null, this::list),
        Operation.read(root + "/*path/tune", this::pathOf, this::readTune),
        changing(
            Operation.write(
                root + "/*path/tune",
                request -> MountTuneRequest.from(request, pathPrefix),
                this::tune)),
        Operation.read(root + "/*path", this::pathOf, this::read),
        changing(
            Operation.write(
                root + "/*path",
                request -> MountEnableRequest.from(request, pathPrefix),
                this::enable)),
        changing(Operation.delete(root + "/*path", this::pathOf, this::disable)));
  }

  private <T> Operation<T> changing(Operation<T> op) {
    return kind == MountKind.AUTH ? op.requiringSudo() : op;
  }

  /** The table's path for the request's {@code path} parameter, e.g. {@code auth/approle/}. */
  private String pathOf(RequestContext request) {
    return pathPrefix + MountPaths.normalize(request.param("path"));
  }

  private Future<VaultResponse> list(Object ignored, RequestContext request) {
    JsonObject data = new JsonObject();
    for (MountEntry e : table.allMounts()) {
      if (e.path().startsWith(pathPrefix)
          && (kind == MountKind.AUTH || !e.path().startsWith(MountKind.AUTH_PREFIX))) {
        data.put(e.path().substring(pathPrefix.length()), describe(e));
      }
    }
    return Future.succeededFuture(VaultResponse.sysData(data));
  }

  private Future<VaultResponse> read(String path, RequestContext request) {
    return Future.succeededFuture(VaultResponse.sysData(describe(exact(path))));
  }

  private Future<VaultResponse> readTune(String path, RequestContext request) {
    JsonObject tune = MountResponses.tune(exact(path));
    if (kind == MountKind.AUTH) {
      tune.put("token_type", TOKEN_TYPE);
    }
    return Future.succeededFuture(VaultResponse.sysData(tune));
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

  private JsonObject describe(MountEntry e) {
    JsonObject j = MountResponses.mount(e);
    if (kind == MountKind.AUTH) {
      j.getJsonObject("config").put("token_type", TOKEN_TYPE);
    }
    return j;
  }

  private MountEntry exact(String path) {
    return table.allMounts().stream()
        .filter(e -> e.path().equals(path))
        .findFirst()
        .orElseThrow(
            () ->
                ApiError.badRequest(
                    kind == MountKind.AUTH
                        ? "no auth method is enabled at '"
                            + path.substring(pathPrefix.length())
                            + "'"
                        : "no mount at '" + path + "'"));
  }
}
