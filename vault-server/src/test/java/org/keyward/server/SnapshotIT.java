package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * Snapshots through the HTTP API of a whole dev server (SoftHSM, SQLite): restore after an attack,
 * refusal of damaged or spliced files with the live data untouched, and a snapshot taken while
 * eight writers write restoring to one consistent point.
 */
class SnapshotIT {
  private static final String SNAPSHOT = "/v1/sys/storage/raft/snapshot";

  @TempDir Path dir;
  private VaultTestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void restore_afterAttack_bringsBackSecretsKeyVersionsCertificatesAndMounts() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    ok(server.post("/v1/secret/data/app/db", secret("first")));
    ok(server.post("/v1/secret/data/app/db", secret("second")));
    ok(server.post("/v1/transit/keys/orders", new JsonObject()));
    String oldCiphertext = encrypt("orders");
    ok(server.post("/v1/transit/keys/orders/rotate", new JsonObject()));
    String newCiphertext = encrypt("orders");
    String caPem = server.call("GET", "/v1/pki/ca/pem", null, null).body();
    Response issued =
        server.post(
            "/v1/pki/issue/core-server",
            new JsonObject().put("common_name", "db.core.keyward.internal"));
    ok(issued);
    String serial = issued.data().getString("serial_number");
    byte[] snapshot = server.download(SNAPSHOT);

    // The attack, with a root token: destroy versions, delete a key, revoke, disable mounts.
    ok(server.post("/v1/secret/destroy/app/db", new JsonObject().put("versions", List.of(1, 2))));
    ok(
        server.post(
            "/v1/transit/keys/orders/config", new JsonObject().put("deletion_allowed", true)));
    ok(server.call("DELETE", "/v1/transit/keys/orders", VaultTestServer.ROOT, null));
    ok(server.post("/v1/pki/revoke", new JsonObject().put("serial_number", serial)));
    ok(server.call("DELETE", "/v1/sys/mounts/pki", VaultTestServer.ROOT, null));
    ok(server.call("DELETE", "/v1/sys/mounts/secret", VaultTestServer.ROOT, null));
    assertEquals(404, server.get("/v1/secret/data/app/db").status());

    Response restored = server.upload(SNAPSHOT, VaultTestServer.ROOT, snapshot);

    assertEquals(204, restored.status(), restored::body);
    assertEquals("second", password("app/db"));
    Response v1 = server.get("/v1/secret/data/app/db?version=1");
    assertEquals("first", v1.data().getJsonObject("data").getString("password"), v1::body);
    assertEquals("attack at dawn", decrypt("orders", oldCiphertext));
    assertEquals("attack at dawn", decrypt("orders", newCiphertext));
    assertEquals(caPem, server.call("GET", "/v1/pki/ca/pem", null, null).body());
    Response cert = server.get("/v1/pki/cert/" + serial);
    assertEquals(0L, cert.data().getLong("revocation_time", 0L), cert::body);
    JsonObject mounts = server.get("/v1/sys/mounts").data();
    assertTrue(mounts.containsKey("secret/") && mounts.containsKey("pki/"), mounts::encode);
  }

  @Test
  void restore_refusesDamagedTruncatedOrSplicedFiles_andKeepsLiveData() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    ok(server.post("/v1/sys/policies/acl/probe", policy("aaaa")));
    byte[] first = server.download(SNAPSHOT);
    ok(server.post("/v1/sys/policies/acl/probe", policy("bbbb")));
    byte[] second = server.download(SNAPSHOT);
    ok(server.post("/v1/secret/data/app/live", secret("live")));

    assertRefused(SnapshotBytes.flipByteInValue(first, "sys/policy/"), "SHA-256");
    assertRefused(Arrays.copyOf(first, first.length - 40), "truncated");
    assertRefused(SnapshotBytes.swapValue(first, second, "sys/policy/probe"), "SHA-256");
    assertRefused(SnapshotBytes.spliceManifest(first, second), "SHA-256");
    assertRefused(
        "this is not a Keyward snapshot file".getBytes(StandardCharsets.UTF_8), "bad magic");
    assertEquals("live", password("app/live"));
  }

  @Test
  void snapshot_whileEightWritersWrite_restoresOneConsistentPoint() throws Exception {
    server = VaultTestServer.startDev(dir.resolve("data"));
    int writers = 8;
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<Integer>> written = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int id = w;
      written.add(
          pool.submit(
              () -> {
                int n = 0;
                while (!stop.get() || n < 20) {
                  ok(server.post("/v1/secret/data/w" + id + "/s" + n, secret("v" + n)));
                  n++;
                }
                return n;
              }));
    }
    while (server.get("/v1/secret/metadata/w7/s10").status() != 200) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll pace, not a timing check
    }
    byte[] snapshot = server.download(SNAPSHOT);
    stop.set(true);
    for (Future<Integer> f : written) {
      f.get();
    }
    pool.shutdown();

    ok(server.upload(SNAPSHOT, VaultTestServer.ROOT, snapshot));

    int total = 0;
    for (int w = 0; w < writers; w++) {
      Response list =
          server.call("LIST", "/v1/secret/metadata/w" + w + "/", VaultTestServer.ROOT, null);
      JsonArray keys = list.status() == 404 ? new JsonArray() : list.data().getJsonArray("keys");
      // Each writer wrote s0, s1, ... one after another: a consistent point holds a prefix.
      for (int n = 0; n < keys.size(); n++) {
        assertTrue(keys.contains("s" + n), "writer " + w + " lost s" + n + " of " + keys);
        assertEquals("v" + n, password("w" + w + "/s" + n));
      }
      total += keys.size();
    }
    assertTrue(total >= 11, "the snapshot holds what was written before it: " + total);
  }

  private void assertRefused(byte[] file, String reason) {
    Response r = server.upload(SNAPSHOT, VaultTestServer.ROOT, file);
    assertEquals(400, r.status(), r::body);
    String error = r.json().getJsonArray("errors").getString(0);
    assertTrue(error.contains(reason), error);
  }

  private String encrypt(String key) {
    String plaintext =
        java.util.Base64.getEncoder()
            .encodeToString("attack at dawn".getBytes(StandardCharsets.UTF_8));
    Response r =
        server.post("/v1/transit/encrypt/" + key, new JsonObject().put("plaintext", plaintext));
    ok(r);
    return r.data().getString("ciphertext");
  }

  private String decrypt(String key, String ciphertext) {
    Response r =
        server.post("/v1/transit/decrypt/" + key, new JsonObject().put("ciphertext", ciphertext));
    ok(r);
    return new String(
        java.util.Base64.getDecoder().decode(r.data().getString("plaintext")),
        StandardCharsets.UTF_8);
  }

  private String password(String path) {
    Response r = server.get("/v1/secret/data/" + path);
    assertEquals(200, r.status(), r::body);
    return r.data().getJsonObject("data").getString("password");
  }

  private static void ok(Response r) {
    assertTrue(r.status() == 200 || r.status() == 204, () -> r.status() + " " + r.body());
  }

  static JsonObject secret(String password) {
    return new JsonObject().put("data", new JsonObject().put("password", password));
  }

  private static JsonObject policy(String path) {
    return new JsonObject().put("policy", "path \"" + path + "/*\" { capabilities = [\"read\"] }");
  }

  static void assertNotSame(byte[] a, byte[] b) {
    assertNotEquals(Arrays.toString(a), Arrays.toString(b));
  }
}
