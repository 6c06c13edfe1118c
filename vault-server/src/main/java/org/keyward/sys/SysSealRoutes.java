package org.keyward.sys;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.barrier.RecoveryKey;
import org.keyward.barrier.SealControl;
import org.keyward.http.Fields;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Seal status, seal, unseal and recovery (patterns relative to the {@code sys/} mount). Unseal
 * takes no key share: it asks the HSM again, which is what an operator wants after the token came
 * back or after a manual seal. Recovery restore is unauthenticated like init, and only works while
 * sealed, because it is the way back for a vault whose HSM token was lost.
 */
public final class SysSealRoutes {
  private final SealControl seal;
  private final ServerIdentity identity;

  public SysSealRoutes(SealControl seal, ServerIdentity identity) {
    this.seal = seal;
    this.identity = identity;
  }

  public List<Operation<?>> operations() {
    return List.of(
        Operation.read("seal-status", NoInput::from, this::sealStatus)
            .with(
                Operation.Flag.UNAUTHENTICATED,
                Operation.Flag.WHILE_SEALED,
                Operation.Flag.NOT_AUDITED),
        Operation.write("seal", NoInput::from, this::seal).requiringSudo(),
        Operation.write("unseal", NoInput::from, this::unseal)
            .with(Operation.Flag.UNAUTHENTICATED, Operation.Flag.WHILE_SEALED),
        Operation.write("recovery/restore", RestoreRequest::from, this::restore)
            .with(Operation.Flag.UNAUTHENTICATED, Operation.Flag.WHILE_SEALED));
  }

  /** The decoded body of {@code sys/recovery/restore}. */
  record RestoreRequest(RecoveryKey key) {
    static RestoreRequest from(RequestContext request) {
      return new RestoreRequest(
          RecoveryKey.parse(Fields.requiredString(request.body(), "recovery_key")));
    }

    @Override
    public String toString() {
      return "RestoreRequest[REDACTED]";
    }
  }

  private Future<VaultResponse> sealStatus(NoInput input, RequestContext request) {
    return Future.succeededFuture(VaultResponse.flat(200, statusBody()));
  }

  /** Vault's seal-status body for an HSM ("recovery") seal: one key, never a share in progress. */
  JsonObject statusBody() {
    return new JsonObject()
        .put("type", "pkcs11")
        .put("initialized", seal.isInitialized())
        .put("sealed", seal.isSealed())
        .put("hsm_reachable", seal.isHsmReachable())
        .put("t", 1)
        .put("n", 1)
        .put("progress", 0)
        .put("nonce", "")
        .put("version", identity.version())
        .put("build_date", identity.buildDate())
        .put("migration", false)
        .put("cluster_name", identity.clusterName())
        .put("cluster_id", identity.clusterId())
        .put("recovery_seal", true)
        .put("storage_type", identity.storageType());
  }

  private Future<VaultResponse> seal(NoInput input, RequestContext request) {
    return seal.seal().map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> unseal(NoInput input, RequestContext request) {
    return seal.unseal().map(v -> VaultResponse.flat(200, statusBody()));
  }

  private Future<VaultResponse> restore(RestoreRequest input, RequestContext request) {
    return seal.restore(input.key()).map(v -> VaultResponse.flat(200, statusBody()));
  }
}
