package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.server.VaultTestServer.Response;

/**
 * Disaster recovery and migration: a snapshot of a SQLite-backed vault restored on another machine
 * with a new SoftHSM token and PostgreSQL storage (refused without force, then unsealed with the
 * recovery key, the keyring rewrapped under the new token's KEK), and a snapshot of that one
 * restored back into SQLite. PostgreSQL at 127.0.0.1:5432 in a database of its own, dropped after.
 */
class SnapshotRecoveryIT {
  private static final String SNAPSHOT = "/v1/sys/storage/raft/snapshot";
  private static final String DRILL = "/v1/sys/storage/snapshot-drill";
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @TempDir Path dir;
  private final String database = "keyward_snapshot_" + HexFormat.of().formatHex(random(5));
  private VaultTestServer sqlite;
  private VaultTestServer postgres;

  @AfterEach
  void stop() throws SQLException {
    if (sqlite != null) {
      sqlite.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    admin("DROP DATABASE IF EXISTS " + database);
  }

  @Test
  void snapshot_movesFromSqliteToPostgresOnANewToken_andBack_withTheRecoveryKey()
      throws SQLException {
    sqlite = VaultTestServer.startConfigured(dir.resolve("sqlite"));
    JsonObject init = sqlite.call("PUT", "/v1/sys/init", null, new JsonObject()).json();
    String root = init.getString("root_token");
    String recoveryKey = init.getJsonArray("recovery_keys_base64").getString(0);
    ok(sqlite.call("POST", "/v1/sys/mounts/secret", root, kv2()));
    ok(sqlite.call("POST", "/v1/secret/data/olt/1", root, SnapshotIT.secret("from-sqlite")));
    byte[] fromSqlite = sqlite.download(SNAPSHOT, root);

    admin("CREATE DATABASE " + database);
    postgres =
        VaultTestServer.startConfigured(
            dir.resolve("pg"),
            Map.of(
                ConfigKey.STORAGE, "postgresql",
                ConfigKey.POSTGRES_URL, "jdbc:postgresql://127.0.0.1:5432/" + database,
                ConfigKey.POSTGRES_USER, "postgres"));
    String newRoot =
        postgres.call("PUT", "/v1/sys/init", null, new JsonObject()).json().getString("root_token");
    Response foreignDrill = postgres.upload(DRILL, newRoot, fromSqlite);
    Response foreign = postgres.upload(SNAPSHOT, newRoot, fromSqlite);
    Response forced = postgres.upload(SNAPSHOT + "-force", newRoot, fromSqlite);
    boolean sealedOnNewToken = sealed(postgres);
    Response recovered = recover(postgres, recoveryKey);
    String onPostgres = password(postgres, root, "olt/1");
    ok(postgres.call("POST", "/v1/secret/data/olt/2", root, SnapshotIT.secret("from-postgres")));
    byte[] fromPostgres = postgres.download(SNAPSHOT, root);
    Response ownDrill = postgres.upload(DRILL, root, fromPostgres);
    Response drills = postgres.call("GET", DRILL, root, null);

    Response back = sqlite.upload(SNAPSHOT + "-force", root, fromPostgres);
    boolean sealedBack = sealed(sqlite);
    Response recoveredBack = recover(sqlite, recoveryKey);

    assertEquals(200, foreignDrill.status(), foreignDrill::body);
    assertEquals(false, foreignDrill.data().getBoolean("ok"), foreignDrill::body);
    assertTrue(foreignDrill.body().contains("\"path\":\"core/keyring\""), foreignDrill::body);
    assertEquals(200, ownDrill.status(), ownDrill::body);
    assertEquals(true, ownDrill.data().getBoolean("ok"), ownDrill::body);
    assertTrue(ownDrill.data().getLong("entries_checked") > 10, ownDrill::body);
    assertEquals(
        ownDrill.data().getString("started"),
        drills.data().getJsonArray("drills").getJsonObject(0).getString("started"),
        drills::body);
    assertEquals(400, foreign.status(), foreign::body);
    assertTrue(foreign.body().contains("taken from cluster"), foreign::body);
    assertEquals(204, forced.status(), forced::body);
    assertTrue(sealedOnNewToken, "the old keyring is wrapped under a KEK the new token lacks");
    ok(recovered);
    assertEquals("from-sqlite", onPostgres);
    assertEquals(204, back.status(), back::body);
    assertTrue(sealedBack, "the keyring came back wrapped under the PostgreSQL server's KEK");
    ok(recoveredBack);
    assertEquals("from-sqlite", password(sqlite, root, "olt/1"));
    assertEquals("from-postgres", password(sqlite, root, "olt/2"));
  }

  private static Response recover(VaultTestServer server, String recoveryKey) {
    return server.call(
        "POST",
        "/v1/sys/recovery/restore",
        null,
        new JsonObject().put("recovery_key", recoveryKey));
  }

  private static boolean sealed(VaultTestServer server) {
    return server.call("GET", "/v1/sys/seal-status", null, null).json().getBoolean("sealed");
  }

  private static String password(VaultTestServer server, String token, String path) {
    Response r = server.call("GET", "/v1/secret/data/" + path, token, null);
    assertEquals(200, r.status(), r::body);
    return r.data().getJsonObject("data").getString("password");
  }

  private static JsonObject kv2() {
    return new JsonObject().put("type", "kv").put("options", new JsonObject().put("version", "2"));
  }

  private static void ok(Response r) {
    assertTrue(r.status() == 200 || r.status() == 204, () -> r.status() + " " + r.body());
  }

  private static void admin(String sql) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    try (Connection c = DriverManager.getConnection(ADMIN_URL, props);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }
}
