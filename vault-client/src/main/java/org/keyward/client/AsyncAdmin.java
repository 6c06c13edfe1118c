package org.keyward.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.keyward.client.AdminRecords.AuditDevice;
import org.keyward.client.AdminRecords.AuditVerification;
import org.keyward.client.AdminRecords.KekStatus;
import org.keyward.client.AdminRecords.KeyringStatus;
import org.keyward.client.AdminRecords.LeaderStatus;
import org.keyward.client.AdminRecords.ReencryptionProgress;
import org.keyward.client.AdminRecords.ServerHealth;

/**
 * Operator calls under {@code sys/}: health, key rotation (keyring, HSM KEK, re-encryption), ACL
 * policies and audit devices. Rotations and re-encryption change state each time and are not
 * retried; reads, policy writes and deletes are. Most need a sudo-capable token.
 */
public final class AsyncAdmin {
  private final HttpTransport transport;

  AsyncAdmin(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * Health, answered with 200 whatever the state (so a sealed server is a result, not an error).
   */
  public CompletableFuture<ServerHealth> health() {
    return transport
        .send(
            VaultCall.read(
                    "sys/health?standbyok=true&perfstandbyok=true&sealedcode=200&uninitcode=200")
                .withoutToken())
        .thenApply(r -> ServerHealth.from(r.json()));
  }

  /**
   * The signed compliance report ({@code sys/compliance/report}): {@code {"report", "signature"}},
   * checkable offline with {@link ComplianceReportSignature}. Needs {@code read} on that path.
   */
  public CompletableFuture<com.fasterxml.jackson.databind.JsonNode> complianceReport() {
    return transport.send(VaultCall.read("sys/compliance/report")).thenApply(VaultReply::data);
  }

  /** The compliance report as one self-contained printable HTML page. */
  public CompletableFuture<String> complianceReportHtml() {
    return transport
        .send(VaultCall.read("sys/compliance/report?format=html"))
        .thenApply(VaultReply::text);
  }

  /** {@code sys/leader} (no token): HA mode and the active node. */
  public CompletableFuture<LeaderStatus> leader() {
    return transport
        .send(VaultCall.read("sys/leader").withoutToken())
        .thenApply(r -> LeaderStatus.from(r.json()));
  }

  /** Makes the active node give up leadership (sudo); another node takes over. */
  public CompletableFuture<Void> stepDown() {
    return transport.send(VaultCall.write("sys/step-down", empty())).thenApply(r -> null);
  }

  /** Adds a keyring key and makes it primary; nothing is re-encrypted. */
  /** Saves a snapshot of the whole store to {@code file} ({@code sys/storage/raft/snapshot}). */
  public CompletableFuture<Void> saveSnapshot(java.nio.file.Path file) {
    return transport.download("sys/storage/raft/snapshot", file);
  }

  /** Restores the snapshot in {@code file}; {@code force} accepts another cluster's or key's. */
  public CompletableFuture<Void> restoreSnapshot(java.nio.file.Path file, boolean force) {
    String path = force ? "sys/storage/raft/snapshot-force" : "sys/storage/raft/snapshot";
    return transport.upload(path, file).thenApply(r -> null);
  }

  /** Runs a restore drill on the snapshot in {@code file} (uploaded); the drill's result. */
  public CompletableFuture<VaultReply> drillSnapshot(java.nio.file.Path file) {
    return transport.upload("sys/storage/snapshot-drill", file);
  }

  public CompletableFuture<Void> rotateKeyring() {
    return transport.send(VaultCall.write("sys/rotate", empty())).thenApply(r -> null);
  }

  public CompletableFuture<KeyringStatus> keyringStatus() {
    return transport
        .send(VaultCall.read("sys/key-status"))
        .thenApply(r -> KeyringStatus.from(r.data()));
  }

  /** Creates a new KEK in the HSM and re-wraps the keyring under it; its version. */
  public CompletableFuture<Integer> rotateKek() {
    return transport
        .send(VaultCall.write("sys/rotate/root", empty()))
        .thenApply(r -> r.data().path("kek_version").asInt());
  }

  public CompletableFuture<KekStatus> kekStatus() {
    return transport.send(VaultCall.read("sys/kek")).thenApply(r -> KekStatus.from(r.data()));
  }

  /** Starts re-encrypting every entry under the current keyring term. */
  public CompletableFuture<ReencryptionProgress> startReencryption() {
    return transport
        .send(VaultCall.write("sys/reencrypt", empty()))
        .thenApply(r -> ReencryptionProgress.from(r.data()));
  }

  public CompletableFuture<ReencryptionProgress> reencryptionProgress() {
    return transport
        .send(VaultCall.read("sys/reencrypt"))
        .thenApply(r -> ReencryptionProgress.from(r.data()));
  }

  public CompletableFuture<List<String>> listPolicies() {
    return transport.send(VaultCall.list("sys/policies/acl")).thenApply(AsyncLogical::keys);
  }

  /** The HCL text of policy {@code name}; empty if there is none. */
  public CompletableFuture<Optional<String>> readPolicy(String name) {
    return Futures.optional(
        transport.send(VaultCall.read("sys/policies/acl/" + name)),
        r -> r.data().path("policy").asText());
  }

  public CompletableFuture<Void> writePolicy(String name, String hcl) {
    ObjectNode body = empty().put("policy", hcl);
    return transport
        .send(VaultCall.idempotentWrite("sys/policies/acl/" + name, body))
        .thenApply(r -> null);
  }

  public CompletableFuture<Void> deletePolicy(String name) {
    return transport.send(VaultCall.delete("sys/policies/acl/" + name)).thenApply(r -> null);
  }

  /** Enables an audit device at {@code path} of {@code type} ({@code file}, {@code socket}). */
  public CompletableFuture<Void> enableAudit(
      String path, String type, String description, Map<String, String> options) {
    ObjectNode body = empty().put("type", type).put("description", description);
    body.set("options", transport.json().valueToTree(options));
    return transport.send(VaultCall.write("sys/audit/" + path, body)).thenApply(r -> null);
  }

  /** The enabled audit devices by path ({@code file/}). */
  public CompletableFuture<Map<String, AuditDevice>> listAudit() {
    return transport.send(VaultCall.read("sys/audit")).thenApply(r -> AuditDevice.all(r.data()));
  }

  public CompletableFuture<Void> disableAudit(String path) {
    return transport.send(VaultCall.delete("sys/audit/" + path)).thenApply(r -> null);
  }

  /** Checks the hash chain of the audit device at {@code path} ({@code sys/audit-verify}). */
  public CompletableFuture<AuditVerification> verifyAudit(String path) {
    ObjectNode body = empty().put("path", path);
    return transport
        .send(VaultCall.idempotentWrite("sys/audit-verify", body))
        .thenApply(r -> AuditVerification.from(r.data()));
  }

  private ObjectNode empty() {
    return transport.json().createObjectNode();
  }
}
