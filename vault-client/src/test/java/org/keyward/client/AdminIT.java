package org.keyward.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.client.AdminRecords.AuditDevice;
import org.keyward.client.AdminRecords.AuditVerification;
import org.keyward.client.AdminRecords.KekStatus;
import org.keyward.client.AdminRecords.ReencryptionProgress;
import org.keyward.client.AdminRecords.ServerHealth;

/** Operator calls through the SDK: health, key rotation, re-encryption, policies, audit. */
class AdminIT {
  @TempDir static Path dir;
  static LiveVault vault;
  static VaultClient root;
  static Admin admin;

  @BeforeAll
  static void start() {
    vault = LiveVault.start(dir);
    root = vault.rootClient();
    admin = root.admin();
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void health_devServer_isInitializedAndUnsealed() {
    ServerHealth health = admin.health();

    assertTrue(health.initialized());
    assertFalse(health.sealed());
    assertEquals("0.1.0", health.version());
  }

  @Test
  void rotateKeyring_raisesTermAndKeepsDataReadable() {
    root.kv().put("before/rotation", SecretData.of(Map.of("v", "1")));
    long before = admin.keyringStatus().term();

    admin.rotateKeyring();

    assertEquals(before + 1, admin.keyringStatus().term());
    assertEquals("1", root.kv().get("before/rotation").orElseThrow().data().reveal().get("v"));
  }

  @Test
  void rotateKek_newVersionIsInUse() {
    int version = admin.rotateKek();

    KekStatus status = admin.kekStatus();

    assertEquals(version, status.inUse());
    assertTrue(status.versions().contains(version), status::toString);
    assertTrue(version >= 2);
  }

  @Test
  void reencryption_startThenProgress_reachesDone() {
    root.kv().put("reencrypt/a", SecretData.of(Map.of("v", "1")));
    admin.rotateKeyring();

    ReencryptionProgress started = admin.startReencryption();
    long deadline = System.nanoTime() + 60_000_000_000L;
    ReencryptionProgress progress = admin.reencryptionProgress();
    while (!progress.state().equals("done") && System.nanoTime() < deadline) {
      progress = admin.reencryptionProgress();
    }

    assertEquals(admin.keyringStatus().term(), started.targetTerm());
    assertEquals("done", progress.state());
    assertEquals(0, progress.failed());
    assertTrue(progress.rewritten() > 0, progress::toString);
    assertTrue(progress.finishedAt().isPresent());
    assertEquals("1", root.kv().get("reencrypt/a").orElseThrow().data().reveal().get("v"));
  }

  @Test
  void policies_writeReadListDelete_andPolicyGoverns() {
    admin.writePolicy("sdk-reader", "path \"secret/data/shared/*\" { capabilities = [\"read\"] }");
    root.kv().put("shared/x", SecretData.of(Map.of("v", "1")));
    root.kv().put("private/x", SecretData.of(Map.of("v", "1")));
    AuthInfo reader = root.token().create(TokenCreateRequest.withPolicies("sdk-reader"));
    VaultClient c = vault.client(vault.configWithoutToken().token(reader.token()).build());

    String text = admin.readPolicy("sdk-reader").orElseThrow();
    boolean listed = admin.listPolicies().contains("sdk-reader");
    boolean readsShared = c.kv().get("shared/x").isPresent();
    VaultException denied = assertThrows(VaultException.class, () -> c.kv().get("private/x"));
    admin.deletePolicy("sdk-reader");

    assertTrue(text.contains("secret/data/shared/*"), text);
    assertTrue(listed);
    assertTrue(readsShared);
    assertEquals(403, denied.status());
    assertTrue(admin.readPolicy("sdk-reader").isEmpty());
    assertFalse(admin.listPolicies().contains("sdk-reader"));
  }

  @Test
  void audit_enableListVerifyDisable() {
    admin.enableAudit("sdk/", "file", "sdk test", Map.of("file_path", "sdk-audit.log"));
    root.kv().put("audited/x", SecretData.of(Map.of("v", "1")));

    Map<String, AuditDevice> devices = admin.listAudit();
    AuditVerification verification = admin.verifyAudit("sdk/");
    admin.disableAudit("sdk/");

    assertEquals("file", devices.get("sdk/").type());
    assertEquals("sdk test", devices.get("sdk/").description());
    assertTrue(verification.ok(), verification::toString);
    assertTrue(verification.records() > 0, verification::toString);
    assertFalse(admin.listAudit().containsKey("sdk/"));
  }
}
