package org.keyward.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * The audit paths of the {@code sys/} mount, patterns relative to it: list, enable and disable
 * devices (sudo, as in Vault), hash a value with a device's key, and verify a file device's chain.
 */
public final class AuditRoutes {
  private final Vertx vertx;
  private final AuditDevices devices;

  public AuditRoutes(Vertx vertx, AuditDevices devices) {
    this.vertx = vertx;
    this.devices = devices;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("audit", r -> r, this::list).requiringSudo(),
        Operation.write("audit/:path", AuditRequests.Enable::from, this::enable).requiringSudo(),
        Operation.delete("audit/:path", AuditRequests.Path::from, this::disable).requiringSudo(),
        Operation.write("audit-hash/:path", AuditRequests.Hash::from, this::hash).requiringSudo(),
        Operation.write("audit-verify", AuditRequests.Verify::from, this::verify).requiringSudo());
  }

  /** Vault's shape: each device keyed by its path. Whether a device is required is shown too. */
  Future<VaultResponse> list(Object ignored, RequestContext request) {
    JsonObject data = new JsonObject();
    for (AuditDeviceConfig c : devices.list()) {
      data.put(c.path(), c.publicJson());
    }
    VaultResponse response = VaultResponse.sysData(data);
    if (data.isEmpty() && !devices.log().requiresDevice()) {
      response =
          response.withWarnings(
              List.of("no audit device is enabled: requests are served without an audit record"));
    }
    return Future.succeededFuture(response);
  }

  Future<VaultResponse> enable(AuditRequests.Enable in, RequestContext request) {
    AuditDeviceConfig config;
    try {
      config =
          new AuditDeviceConfig(
              in.path(),
              in.type(),
              in.description(),
              in.options(),
              AuditHmac.generate().keyBytes());
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    return devices.enable(config).map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> disable(AuditRequests.Path in, RequestContext request) {
    return devices.disable(in.path()).map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> hash(AuditRequests.Hash in, RequestContext request) {
    return devices
        .log()
        .device(in.path())
        .map(
            d ->
                Future.succeededFuture(
                    VaultResponse.sysData(new JsonObject().put("hash", d.hmac().hash(in.input())))))
        .orElseGet(
            () -> Future.failedFuture(ApiError.badRequest("no audit device at " + in.path())));
  }

  /** Checks the device's files against the server's own audit key and live sequence counter. */
  Future<VaultResponse> verify(AuditRequests.Verify in, RequestContext request) {
    AuditDevice device = devices.log().device(in.path()).orElse(null);
    if (device == null) {
      return Future.failedFuture(ApiError.badRequest("no audit device at " + in.path()));
    }
    if (!(device instanceof FileAuditDevice file)) {
      return Future.failedFuture(ApiError.badRequest("only file audit devices can be verified"));
    }
    long expectedLast = file.lastSeq();
    return vertx
        .executeBlocking(
            () -> AuditVerifier.verifySet(file.file(), file.checkpointKey(), expectedLast), false)
        .recover(e -> Future.failedFuture(ApiError.unavailable("audit files could not be read")))
        .map(
            result -> {
              JsonObject data = result.toJson().put("path", in.path());
              if (file.checkpointKey() != null) {
                // The fingerprint to compare with the published key for offline checks.
                data.put("key_id", AuditChain.sha256Hex(file.checkpointKey().getEncoded()));
              }
              return VaultResponse.sysData(data);
            });
  }
}
