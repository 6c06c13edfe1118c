package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * A restore drill proves the keys of the snapshot work, not only that its entries decrypt: a dev
 * vault with a software transit key of two versions, an HSM-resident transit key, a signing key and
 * the pki/ root CA drills clean with each of them checked; after the HSM key is destroyed, a drill
 * of the same snapshot names that key as failing.
 */
class SnapshotDrillIT {
  private static final String SNAPSHOT = "/v1/sys/storage/raft/snapshot";
  private static final String DRILL = "/v1/sys/storage/snapshot-drill";
  private static final String ROOT = VaultTestServer.ROOT;

  @TempDir static Path dir;
  static VaultTestServer server;
  static byte[] snapshot;

  @BeforeAll
  static void setUp() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    ok(server.post("/v1/transit/keys/orders", new JsonObject()));
    ok(server.post("/v1/transit/keys/orders/rotate", new JsonObject()));
    ok(server.post("/v1/transit/keys/in-hsm", new JsonObject().put("type", "hsm-aes256-gcm")));
    ok(server.post("/v1/transit/keys/signer", new JsonObject().put("type", "ecdsa-p256")));
    snapshot = server.download(SNAPSHOT, ROOT);
  }

  @AfterAll
  static void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void drill_checksEveryTransitKeyAndTheCa_thenNamesADestroyedHsmKey() {
    Response clean = server.upload(DRILL, ROOT, snapshot);
    assertEquals(200, clean.status(), clean::body);
    assertEquals(true, clean.data().getBoolean("ok"), clean::body);
    // orders, in-hsm, signer and the pki/ root CA.
    assertEquals(4, clean.data().getLong("keys_checked"), clean::body);

    ok(
        server.post(
            "/v1/transit/keys/in-hsm/config", new JsonObject().put("deletion_allowed", true)));
    ok(server.call("DELETE", "/v1/transit/keys/in-hsm", ROOT, null));
    Response broken = server.upload(DRILL, ROOT, snapshot);

    assertEquals(200, broken.status(), broken::body);
    assertEquals(false, broken.data().getBoolean("ok"), broken::body);
    assertEquals(3, broken.data().getLong("keys_checked"), broken::body);
    JsonArray failures = broken.data().getJsonArray("failures");
    assertEquals(1, failures.size(), broken::body);
    assertEquals(
        "transit/ transit key in-hsm", failures.getJsonObject(0).getString("path"), broken::body);
  }

  private static void ok(Response r) {
    assertTrue(r.status() == 200 || r.status() == 204, () -> r.status() + " " + r.body());
  }
}
