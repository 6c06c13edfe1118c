package org.keyward.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageConflictException;
import org.keyward.storage.StorageContract;
import org.keyward.storage.StorageException;
import org.keyward.storage.StorageOp;
import org.keyward.testing.Futures;

/**
 * The storage contract on a real PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code
 * postgres}), in a schema of its own dropped afterwards. Skipped, with the reason, when no server
 * answers there.
 */
class PostgresStorageIT extends StorageContract {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";
  private static final String SCHEMA = "keyward_it_" + HexFormat.of().formatHex(randomBytes(6));

  private static boolean reachable;
  private static String unreachableReason;

  @BeforeAll
  static void probePostgres() {
    try (Connection c = admin()) {
      reachable = c.isValid(2);
      unreachableReason = "PostgreSQL at " + URL + " did not answer a validity check";
    } catch (SQLException e) {
      unreachableReason =
          "PostgreSQL at " + URL + " (user " + USER + ") did not answer: " + e.getMessage();
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (!reachable) {
      return;
    }
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Override
  protected Storage openEmpty(Vertx vertx) throws SQLException {
    Storage opened = reopen(vertx);
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE " + SCHEMA + ".keyward_entries");
    }
    return opened;
  }

  @Override
  protected Storage reopen(Vertx vertx) {
    // Checked per test (the contract opens the store in its @BeforeEach), so every test fails
    // with the reason. An absent server is a failure, never a skip: a skipped store test proves
    // nothing, and .ci/run starts or installs PostgreSQL.
    if (!reachable) {
      throw new AssertionError(
          unreachableReason + " (start it, or run .ci/run, which starts or installs it)");
    }
    return await(PostgresStorage.open(vertx, options(PasswordSource.none())));
  }

  @Test
  void twoNodes_competingCompareAndSet_exactlyOneWins() {
    Storage other = reopen(vertx);
    try {
      await(storage.put(entry("shared/leader", "none")));
      for (int round = 0; round < 5; round++) {
        String key = "shared/claim-" + round;
        List<Future<Void>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          Storage node = i % 2 == 0 ? storage : other;
          claims.add(
              node.transaction(
                  List.of(StorageOp.expect(key, null), StorageOp.put(entry(key, "node-" + i)))));
        }
        await(Future.join(claims).otherwiseEmpty());
        long won = claims.stream().filter(Future::succeeded).count();
        assertEquals(1, won, "round " + round);
        claims.stream()
            .filter(Future::failed)
            .forEach(f -> assertInstanceOf(StorageConflictException.class, f.cause()));
      }
    } finally {
      other.close();
    }
  }

  @Test
  void open_missingPasswordFile_failsNamingTheFileOnly(@TempDir Path dir) {
    Path missing = dir.resolve("pg-password");
    Throwable failure =
        Futures.failure(PostgresStorage.open(vertx, options(PasswordSource.file(missing))));
    assertInstanceOf(StorageException.class, failure);
    assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
  }

  @Test
  void open_passwordFromFile_connectsAndNeverShowsIt(@TempDir Path dir) throws Exception {
    String secret = "pw-" + HexFormat.of().formatHex(randomBytes(8));
    Path file = Files.writeString(dir.resolve("pg-password"), secret + "\n");
    PostgresOptions options = options(PasswordSource.file(file));

    try (Storage withPassword = await(PostgresStorage.open(vertx, options))) {
      await(withPassword.put(entry("pw/check", "ok")));
      assertFalse(withPassword.toString().contains(secret));
    }
    assertFalse(options.toString().contains(secret));
  }

  private static PostgresOptions options(PasswordSource password) {
    return PostgresOptions.of(URL, USER, password, SCHEMA);
  }

  private static Connection admin() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("connectTimeout", "3");
    return DriverManager.getConnection(URL, props);
  }
}
