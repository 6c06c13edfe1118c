package org.keyward.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import org.keyward.http.ApiError;

/**
 * Opens a device from its {@link AuditDeviceConfig}: a file device confined to the audit directory,
 * or a socket device. Checkpoints of file devices are signed with the server's audit key.
 */
public final class AuditDeviceFactory {
  private final Vertx vertx;
  private final AuditDirectory directory;
  private final CheckpointSigner signer;
  private final Executor signExecutor;

  /**
   * @param signer the HSM audit key (e.g. {@code KeyRef("audit", 1)}), null for unsigned chains
   * @param signExecutor a worker pool for {@code signer}; never an event loop
   */
  public AuditDeviceFactory(
      Vertx vertx, AuditDirectory directory, CheckpointSigner signer, Executor signExecutor) {
    this.vertx = vertx;
    this.directory = directory;
    this.signer = signer;
    this.signExecutor = signExecutor;
  }

  /** Fails with a 400 naming the bad option, or the device's open failure. */
  public Future<AuditDevice> open(AuditDeviceConfig config) {
    AuditHmac hmac = new AuditHmac(config.hmacKey());
    if ("socket".equals(config.type())) {
      try {
        String format = config.options().getOrDefault("format", "json");
        if (!format.equals("json") && !format.equals("syslog")) {
          throw ApiError.badRequest("option 'format' must be json or syslog");
        }
        return Future.succeededFuture(
            new SocketAuditDevice(
                vertx,
                config.path(),
                hmac,
                config.options().get("address"),
                format.equals("syslog"),
                FileAuditOptions.flag(config.options(), "hmac_accessor", true)));
      } catch (ApiError e) {
        return Future.failedFuture(e);
      }
    }
    // Path checks touch the file system: a worker, not the event loop.
    return vertx
        .executeBlocking(() -> FileAuditOptions.parse(config.options(), directory), false)
        .compose(
            options ->
                FileAuditDevice.start(vertx, config.path(), hmac, options, signer, signExecutor)
                    .recover(
                        e ->
                            Future.failedFuture(
                                ApiError.badRequest("cannot open audit file: " + e.getMessage())))
                    .map(d -> (AuditDevice) d));
  }
}
