package org.keyward.compliance;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.keyward.audit.AuditChain;
import org.keyward.audit.CheckpointSigner;

/**
 * Signs a report the way audit checkpoints are signed: with the HSM audit key ({@code audit-v1},
 * ECDSA P-256), on the audit signing worker. The signature block names the algorithm, the key's
 * fingerprint (hex SHA-256 of its SubjectPublicKeyInfo, as checkpoints give it) and the public key,
 * so {@code keyward operator report verify} can check a file offline; comparing the fingerprint
 * with the published audit key shows the key is the vault's own.
 */
public final class ReportSigner {
  /** The HSM key that signs; the same as the audit checkpoints'. */
  public static final String KEY_NAME = "audit-v1";

  private final CheckpointSigner signer;
  private final WorkerExecutor worker;

  public ReportSigner(CheckpointSigner signer, WorkerExecutor worker) {
    this.signer = signer;
    this.worker = worker;
  }

  /** The signature block over {@code canonical}; fails if the HSM cannot sign. */
  public Future<JsonObject> sign(byte[] canonical) {
    return worker.executeBlocking(
        () -> {
          byte[] signature = signer.sign(canonical);
          byte[] spki = signer.publicKey().getEncoded();
          return new JsonObject()
              .put("algorithm", signer.algorithm())
              .put("key", KEY_NAME)
              .put("key_id", AuditChain.sha256Hex(spki))
              .put("public_key", Base64.getEncoder().encodeToString(spki))
              .put("covers", "report, canonical JSON (sorted keys, no whitespace)")
              .put("value", Base64.getEncoder().encodeToString(signature));
        },
        false);
  }
}
