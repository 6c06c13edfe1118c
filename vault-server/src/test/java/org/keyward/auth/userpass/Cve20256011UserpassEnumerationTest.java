package org.keyward.auth.userpass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.RecordingTokenIssuer;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * CVE-2025-6011: userpass let a caller tell unknown users from wrong passwords by timing. Rather
 * than time anything, this counts the Argon2id derivations each login runs and checks the hash each
 * one ran against: a wrong password and an unknown user both run exactly one, with the same
 * parameters, salt and output lengths, and answer alike; a locked-out name runs none either way.
 */
class Cve20256011UserpassEnumerationTest {
  private static final int MAX_FAILURES = 3;

  private final List<Argon2idPasswordHash> derivations = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private WorkerExecutor hashing;
  private PipelineHarness server;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    hashing = vertx.createSharedWorkerExecutor("test-password-hash", 1);
    UserStore users = new UserStore(new InMemoryStorageView());
    LoginLockout lockout =
        new LoginLockout(
            MAX_FAILURES, Duration.ofMinutes(5), Duration.ofMinutes(15), 100, Clock.systemUTC());
    UserpassLoginRoutes login =
        new UserpassLoginRoutes(
            users,
            hashing,
            new RecordingTokenIssuer(),
            lockout,
            (hash, password) -> {
              derivations.add(hash);
              return hash.matches(password);
            });
    UserpassBackend engine = new UserpassBackend(users, new UserRoutes(users, hashing), login);
    server =
        PipelineHarness.builder(vertx)
            .mount("auth/userpass/", "userpass", engine.operations())
            .start();
    HttpResponse<Buffer> created =
        server.root(
            HttpMethod.POST,
            "auth/userpass/users/ann",
            new JsonObject().put("password", "the-password"));
    assertEquals(204, created.statusCode(), created.bodyAsString());
  }

  @AfterEach
  void tearDown() {
    server.close();
    hashing.close();
    Futures.await(vertx.close());
  }

  @Test
  void unknownUser_runsTheSameKdfWorkAsAWrongPassword_andAnswersAlike() {
    HttpResponse<Buffer> wrong = login("ann", "not-the-password");
    HttpResponse<Buffer> unknown = login("nobody", "not-the-password");

    assertEquals(2, derivations.size(), "one derivation per login");
    Argon2idPasswordHash known = derivations.get(0);
    Argon2idPasswordHash decoy = derivations.get(1);
    assertNotSame(known, decoy);
    assertEquals(shape(known), shape(decoy));
    assertEquals(400, wrong.statusCode());
    assertEquals(wrong.statusCode(), unknown.statusCode());
    assertEquals(PipelineHarness.errors(wrong), PipelineHarness.errors(unknown));
  }

  @Test
  void lockedOutName_runsNoKdf_whetherItExistsOrNot() {
    for (String name : List.of("ann", "nobody")) {
      for (int i = 0; i < MAX_FAILURES; i++) {
        login(name, "wrong-" + i);
      }
    }
    int before = derivations.size();

    HttpResponse<Buffer> known = login("ann", "the-password");
    HttpResponse<Buffer> unknown = login("nobody", "the-password");

    assertEquals(before, derivations.size());
    assertEquals(known.statusCode(), unknown.statusCode());
    assertEquals(PipelineHarness.errors(known), PipelineHarness.errors(unknown));
  }

  /** Parameters and the salt and output lengths of a PHC string: what the KDF's cost depends on. */
  private static String shape(Argon2idPasswordHash hash) {
    String[] parts = hash.encoded().split("\\$");
    return parts[2] + " " + parts[3] + " salt=" + parts[4].length() + " hash=" + parts[5].length();
  }

  private HttpResponse<Buffer> login(String name, String password) {
    return server.send(
        HttpMethod.POST,
        "auth/userpass/login/" + name,
        null,
        new JsonObject().put("password", password));
  }
}
