package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.List;
import org.keyward.audit.AuditDeviceFactory;
import org.keyward.audit.AuditDeviceStore;
import org.keyward.audit.AuditDevices;
import org.keyward.audit.AuditDirectory;
import org.keyward.audit.AuditLog;
import org.keyward.audit.AuditRoutes;
import org.keyward.barrier.HsmGateway;
import org.keyward.http.Operation;
import org.keyward.view.StorageView;

/**
 * The audit log as the server runs it: devices defined in the barrier (reopened after unseal), file
 * devices confined to the audit directory, checkpoints signed with the HSM audit key on the HSM
 * gateway's pool, and the {@code sys/audit*} routes.
 */
final class AuditAssembly {
  private static final System.Logger LOG = System.getLogger(AuditAssembly.class.getName());

  private final Vertx vertx;
  private final AuditLog log = new AuditLog(false);
  private final HsmKeySigner signer;
  private final AuditDevices devices;

  AuditAssembly(Vertx vertx, StorageView view, AuditDirectory directory, HsmGateway hsm) {
    this.vertx = vertx;
    this.signer = HsmKeySigner.audit(hsm);
    this.devices =
        new AuditDevices(
            log,
            new AuditDeviceStore(view),
            new AuditDeviceFactory(vertx, directory, signer, hsm.executor()));
  }

  /** The pipeline's audit sink. */
  AuditLog log() {
    return log;
  }

  /** The HSM audit key; the compliance report is signed with it too. */
  HsmKeySigner signer() {
    return signer;
  }

  AuditDevices devices() {
    return devices;
  }

  List<Operation<?>> operations() {
    return new AuditRoutes(vertx, devices).operations();
  }

  /**
   * Opens the audit key in the HSM on a worker (so no checkpoint or verify waits for it on an event
   * loop), then reopens the devices enabled before. An HSM signing failure leaves the chains
   * unsigned and is logged; it does not keep the vault sealed.
   */
  Future<Void> restore() {
    return signer
        .open()
        .onFailure(e -> LOG.log(Level.WARNING, "audit key unavailable: " + e.getMessage()))
        .transform(ignored -> devices.restore());
  }

  Future<Void> close() {
    return log.closeAll();
  }
}
