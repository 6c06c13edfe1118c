package org.keyward.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keyward.client.AdminRecords.AuditDevice;
import org.keyward.client.AdminRecords.AuditVerification;
import org.keyward.client.AdminRecords.KekStatus;
import org.keyward.client.AdminRecords.KeyringStatus;
import org.keyward.client.AdminRecords.LeaderStatus;
import org.keyward.client.AdminRecords.ReencryptionProgress;
import org.keyward.client.AdminRecords.ServerHealth;

/** Blocking operator calls; see {@link AsyncAdmin}. */
public final class Admin {
  private final AsyncAdmin async;

  Admin(AsyncAdmin async) {
    this.async = async;
  }

  public ServerHealth health() {
    return Blocking.await(async.health());
  }

  public void saveSnapshot(java.nio.file.Path file) {
    Blocking.await(async.saveSnapshot(file));
  }

  public void restoreSnapshot(java.nio.file.Path file, boolean force) {
    Blocking.await(async.restoreSnapshot(file, force));
  }

  public VaultReply drillSnapshot(java.nio.file.Path file) {
    return Blocking.await(async.drillSnapshot(file));
  }

  /** See {@link AsyncAdmin#complianceReport()}. */
  public com.fasterxml.jackson.databind.JsonNode complianceReport() {
    return Blocking.await(async.complianceReport());
  }

  /** See {@link AsyncAdmin#complianceReportHtml()}. */
  public String complianceReportHtml() {
    return Blocking.await(async.complianceReportHtml());
  }

  /** {@code sys/leader}: HA mode and the active node. */
  public LeaderStatus leader() {
    return Blocking.await(async.leader());
  }

  /** Makes the active node give up leadership (sudo). */
  public void stepDown() {
    Blocking.await(async.stepDown());
  }

  public void rotateKeyring() {
    Blocking.await(async.rotateKeyring());
  }

  public KeyringStatus keyringStatus() {
    return Blocking.await(async.keyringStatus());
  }

  public int rotateKek() {
    return Blocking.await(async.rotateKek());
  }

  public KekStatus kekStatus() {
    return Blocking.await(async.kekStatus());
  }

  public ReencryptionProgress startReencryption() {
    return Blocking.await(async.startReencryption());
  }

  public ReencryptionProgress reencryptionProgress() {
    return Blocking.await(async.reencryptionProgress());
  }

  public List<String> listPolicies() {
    return Blocking.await(async.listPolicies());
  }

  public Optional<String> readPolicy(String name) {
    return Blocking.await(async.readPolicy(name));
  }

  public void writePolicy(String name, String hcl) {
    Blocking.await(async.writePolicy(name, hcl));
  }

  public void deletePolicy(String name) {
    Blocking.await(async.deletePolicy(name));
  }

  public void enableAudit(
      String path, String type, String description, Map<String, String> options) {
    Blocking.await(async.enableAudit(path, type, description, options));
  }

  public Map<String, AuditDevice> listAudit() {
    return Blocking.await(async.listAudit());
  }

  public void disableAudit(String path) {
    Blocking.await(async.disableAudit(path));
  }

  public AuditVerification verifyAudit(String path) {
    return Blocking.await(async.verifyAudit(path));
  }
}
