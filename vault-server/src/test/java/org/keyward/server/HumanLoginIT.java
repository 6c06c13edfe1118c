package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.auth.mfa.ReferenceTotp;
import org.keyward.server.VaultTestServer.Response;

/**
 * People's logins on the whole server (TLS, SoftHSM, SQLite): userpass with Argon2id and the
 * lockout, identity entities on tokens and in audit records, and Vault 1.10+'s TOTP login MFA
 * followed step by step as Vault's documentation gives it, with passcodes computed by an
 * independent RFC 6238 implementation from the enrolment URL. One server for the class; each test
 * uses its own userpass mount so enforcements stay apart.
 */
class HumanLoginIT {
  private static final String ROOT = VaultTestServer.ROOT;

  @TempDir static Path dir;
  private static VaultTestServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    server = VaultTestServer.startDev(dir.resolve("data"));
    client =
        HttpClient.newBuilder()
            .sslContext(server.sslContext())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    ok(
        server.post(
            "/v1/sys/audit/file",
            new JsonObject()
                .put("type", "file")
                .put("options", new JsonObject().put("file_path", "audit.log"))));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void userpass_rightPasswordWrongPasswordUnknownUserAndLockout() {
    enableUserpass("userpass");
    user("userpass", "ann", "first-password", "auditor");

    Response good = login("userpass", "Ann", "first-password");
    assertEquals(200, good.status(), good.body());
    JsonObject auth = good.json().getJsonObject("auth");
    assertEquals(List.of("auditor", "default"), auth.getJsonArray("policies").getList());
    assertEquals("ann", auth.getJsonObject("metadata").getString("username"));

    Response wrong = login("userpass", "ann", "not-the-password");
    Response unknown = login("userpass", "nobody", "not-the-password");
    assertEquals(400, wrong.status());
    assertEquals(wrong.status(), unknown.status());
    assertEquals(errors(wrong), errors(unknown));
    assertEquals(List.of("invalid username or password"), errors(wrong));

    // Reads never show the hash; a password change takes effect at once.
    Response read = server.get("/v1/auth/userpass/users/ann");
    assertFalse(read.body().contains("argon2"), read.body());
    ok(
        server.post(
            "/v1/auth/userpass/users/ann/password",
            new JsonObject().put("password", "second-password")));
    assertEquals(400, login("userpass", "ann", "first-password").status());
    assertEquals(200, login("userpass", "ann", "second-password").status());

    // The default lockout threshold is 5 failures: the right password is refused after them.
    for (int i = 0; i < 5; i++) {
      login("userpass", "ann", "guess-" + i);
    }
    Response locked = login("userpass", "ann", "second-password");
    assertEquals(403, locked.status());
    assertEquals(List.of("too many failed login attempts; try again later"), errors(locked));
  }

  @Test
  void loginToken_carriesEntityIdInLookupSelfIdentityAndAudit() throws Exception {
    enableUserpass("staff");
    user("staff", "bea", "bea-password", "default");
    String token = token(login("staff", "bea", "bea-password"));
    JsonObject self = server.call("GET", "/v1/auth/token/lookup-self", token, null).data();
    String entityId = self.getString("entity_id");
    assertTrue(entityId.matches("[0-9a-f-]{36}"), entityId);

    // A second login is the same person: the same entity, one alias.
    String again = token(login("staff", "bea", "bea-password"));
    assertEquals(
        entityId,
        server
            .call("GET", "/v1/auth/token/lookup-self", again, null)
            .data()
            .getString("entity_id"));
    JsonObject entity = server.get("/v1/identity/entity/id/" + entityId).data();
    JsonArray aliases = entity.getJsonArray("aliases");
    assertEquals(1, aliases.size());
    assertEquals("bea", aliases.getJsonObject(0).getString("name"));
    assertEquals(accessor("staff"), aliases.getJsonObject(0).getString("mount_accessor"));
    assertEquals(
        entityId,
        server.get("/v1/identity/entity/name/" + entity.getString("name")).data().getString("id"));
    Response listed = server.call("LIST", "/v1/identity/entity-alias/id", ROOT, null);
    assertTrue(listed.body().contains(aliases.getJsonObject(0).getString("id")), listed.body());

    // Every request the token makes is audited with its entity.
    server.call("GET", "/v1/secret/data/nothing-here", token, null);
    String audit = auditText();
    assertTrue(
        audit
            .lines()
            .filter(l -> l.contains("secret/data/nothing-here"))
            .allMatch(l -> l.contains("\"entity_id\":\"" + entityId + "\"")),
        "audit records of the token's request carry its entity");
    assertTrue(audit.contains("secret/data/nothing-here"));
  }

  @Test
  void vaultMfaFlow_validatesOnce_refusesReplayedCode() {
    Enrolled e = enrolUnderEnforcement("people", "cem", 5);

    // Vault's documented sequence: login, read auth.mfa_requirement, POST sys/mfa/validate.
    Response first = login("people", "cem", "cem-password");
    assertEquals(200, first.status(), first.body());
    JsonObject auth = first.json().getJsonObject("auth");
    assertEquals("", auth.getString("client_token"));
    JsonObject requirement = auth.getJsonObject("mfa_requirement");
    String requestId = requirement.getString("mfa_request_id");
    JsonObject any =
        requirement
            .getJsonObject("mfa_constraints")
            .getJsonObject("people-totp")
            .getJsonArray("any")
            .getJsonObject(0);
    assertEquals("totp", any.getString("type"));
    assertEquals(e.methodId, any.getString("id"));
    assertTrue(any.getBoolean("uses_passcode"));
    assertFalse(first.json().getJsonArray("warnings").isEmpty());

    String code = e.codeNow();
    Response validated = validate(requestId, e.methodId, code);
    assertEquals(200, validated.status(), validated.body());
    String token = validated.json().getJsonObject("auth").getString("client_token");
    assertTrue(token.startsWith("hvs."));
    assertEquals(e.entityId, validated.json().getJsonObject("auth").getString("entity_id"));
    assertEquals(200, server.call("GET", "/v1/auth/token/lookup-self", token, null).status());

    // The request is spent, and the code is spent: a new login cannot reuse it.
    assertEquals(403, validate(requestId, e.methodId, code).status());
    String second = requestId(login("people", "cem", "cem-password"));
    Response replay = validate(second, e.methodId, code);
    assertEquals(403, replay.status(), replay.body());
    Response spaced = validate(second, e.methodId, " " + code);
    assertEquals(403, spaced.status(), spaced.body());
  }

  @Test
  void wrongCodes_countTowardMaxValidationAttempts_andEndTheRequest() {
    Enrolled e = enrolUnderEnforcement("clinic", "dia", 2);
    String requestId = requestId(login("clinic", "dia", "dia-password"));
    String wrong = e.wrongCode();
    Response once = validate(requestId, e.methodId, wrong);
    assertEquals(403, once.status());
    assertEquals(List.of("failed to validate TOTP passcode"), errors(once));
    assertEquals(403, validate(requestId, e.methodId, wrong).status());
    // The second failure reached max_validation_attempts = 2: even the right code is refused now.
    Response after = validate(requestId, e.methodId, e.codeNow());
    assertEquals(403, after.status());
    assertEquals(List.of("invalid or expired mfa_request_id"), errors(after));
  }

  @Test
  void inlineMfaHeader_logsInInOneRequest_wrongHeaderRefused() throws Exception {
    Enrolled e = enrolUnderEnforcement("ward", "eli", 5);
    HttpResponse<String> bad =
        loginWithHeader("ward", "eli", "eli-password", e.methodId + ":" + e.wrongCode());
    assertEquals(403, bad.statusCode(), bad.body());
    HttpResponse<String> good =
        loginWithHeader("ward", "eli", "eli-password", e.methodId + ":" + e.codeNow());
    assertEquals(200, good.statusCode(), good.body());
    assertTrue(
        new JsonObject(good.body())
            .getJsonObject("auth")
            .getString("client_token")
            .startsWith("hvs."));
  }

  @Test
  void approleLogin_underUserpassTypeEnforcement_getsTokenDirectly() {
    String methodId = method("Keyward", 5);
    ok(
        server.post(
            "/v1/identity/mfa/login-enforcement/all-people",
            new JsonObject()
                .put("mfa_method_ids", new JsonArray().add(methodId))
                .put("auth_method_types", new JsonArray().add("userpass"))));
    try {
      TestAppRoles.enable(server, "machines");
      TestAppRoles.role(server, "machines", "pump-7", TestAppRoles.roleSettings("default", "10m"));
      Response r =
          TestAppRoles.login(
              server,
              "machines",
              TestAppRoles.roleId(server, "machines", "pump-7"),
              TestAppRoles.secretId(server, "machines", "pump-7", new JsonObject())
                  .getString("secret_id"));
      assertEquals(200, r.status(), r.body());
      JsonObject auth = r.json().getJsonObject("auth");
      assertTrue(auth.getString("client_token").startsWith("hvs."));
      assertNull(auth.getValue("mfa_requirement"));
      assertFalse(auth.getString("entity_id").isEmpty());
    } finally {
      server.call("DELETE", "/v1/identity/mfa/login-enforcement/all-people", ROOT, null);
    }
  }

  @Test
  void selfEnrolment_returnsPngAndUrlOnce() throws Exception {
    enableUserpass("self");
    user("self", "fay", "fay-password", "default");
    String token = token(login("self", "fay", "fay-password"));
    String methodId = method("Keyward", 5);
    Response r =
        server.call(
            "POST",
            "/v1/identity/mfa/method/totp/generate",
            token,
            new JsonObject().put("method_id", methodId));
    assertEquals(200, r.status(), r.body());
    String url = r.data().getString("url");
    assertTrue(url.startsWith("otpauth://totp/Keyward:entity_"), url);
    byte[] png = Base64.getDecoder().decode(r.data().getString("barcode"));
    assertEquals(200, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
    Response again =
        server.call(
            "POST",
            "/v1/identity/mfa/method/totp/generate",
            token,
            new JsonObject().put("method_id", methodId));
    assertEquals(200, again.status());
    assertNull(again.json().getValue("data"));
    assertTrue(again.body().contains("already has a secret"), again.body());
  }

  // --- helpers ---------------------------------------------------------------------------------

  private record Enrolled(String methodId, String entityId, byte[] key) {
    String codeNow() {
      return ReferenceTotp.code(key, System.currentTimeMillis() / 1000, 30, 6, "SHA1");
    }

    /** A code no step of the skew window produces now. */
    String wrongCode() {
      long now = System.currentTimeMillis() / 1000;
      Set<String> valid =
          Set.of(
              ReferenceTotp.code(key, now - 30, 30, 6, "SHA1"),
              ReferenceTotp.code(key, now, 30, 6, "SHA1"),
              ReferenceTotp.code(key, now + 30, 30, 6, "SHA1"),
              ReferenceTotp.code(key, now + 60, 30, 6, "SHA1"));
      for (int i = 0; ; i++) {
        String c = String.format("%06d", i);
        if (!valid.contains(c)) {
          return c;
        }
      }
    }
  }

  /** A userpass mount with one user, enrolled by admin-generate, then an enforcement on it. */
  private static Enrolled enrolUnderEnforcement(String mount, String name, int maxAttempts) {
    enableUserpass(mount);
    user(mount, name, name + "-password", "default");
    String token = token(login(mount, name, name + "-password"));
    String entityId =
        server.call("GET", "/v1/auth/token/lookup-self", token, null).data().getString("entity_id");
    String methodId = method("Keyward", maxAttempts);
    Response enrolled =
        server.post(
            "/v1/identity/mfa/method/totp/admin-generate",
            new JsonObject().put("method_id", methodId).put("entity_id", entityId));
    assertEquals(200, enrolled.status(), enrolled.body());
    byte[] key = ReferenceTotp.keyOfUrl(enrolled.data().getString("url"));
    ok(
        server.post(
            "/v1/identity/mfa/login-enforcement/" + mount + "-totp",
            new JsonObject()
                .put("mfa_method_ids", new JsonArray().add(methodId))
                .put("auth_method_accessors", new JsonArray().add(accessor(mount)))));
    return new Enrolled(methodId, entityId, key);
  }

  private static String method(String issuer, int maxAttempts) {
    Response r =
        server.post(
            "/v1/identity/mfa/method/totp",
            new JsonObject().put("issuer", issuer).put("max_validation_attempts", maxAttempts));
    assertEquals(200, r.status(), r.body());
    String id = r.data().getString("method_id");
    assertNotEquals("", id);
    return id;
  }

  private static void enableUserpass(String mount) {
    ok(server.post("/v1/sys/auth/" + mount, new JsonObject().put("type", "userpass")));
  }

  private static void user(String mount, String name, String password, String policy) {
    ok(
        server.post(
            "/v1/auth/" + mount + "/users/" + name,
            new JsonObject().put("password", password).put("token_policies", policy)));
  }

  private static String accessor(String mount) {
    return server.get("/v1/sys/auth").json().getJsonObject(mount + "/").getString("accessor");
  }

  private static Response login(String mount, String name, String password) {
    return server.call(
        "POST",
        "/v1/auth/" + mount + "/login/" + name,
        null,
        new JsonObject().put("password", password));
  }

  private static Response validate(String requestId, String methodId, String code) {
    return server.call(
        "POST",
        "/v1/sys/mfa/validate",
        null,
        new JsonObject()
            .put("mfa_request_id", requestId)
            .put("mfa_payload", new JsonObject().put(methodId, new JsonArray().add(code))));
  }

  private static HttpResponse<String> loginWithHeader(
      String mount, String name, String password, String header) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(server.address() + "/v1/auth/" + mount + "/login/" + name))
            .header("X-Vault-MFA", header)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("password", password).encode()))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String requestId(Response login) {
    assertEquals(200, login.status(), login.body());
    return login
        .json()
        .getJsonObject("auth")
        .getJsonObject("mfa_requirement")
        .getString("mfa_request_id");
  }

  private static String token(Response login) {
    assertEquals(200, login.status(), login.body());
    return login.json().getJsonObject("auth").getString("client_token");
  }

  private static List<String> errors(Response r) {
    return r.json().getJsonArray("errors").stream().map(Object::toString).toList();
  }

  private static void ok(Response r) {
    assertTrue(r.status() < 300, () -> r.status() + " " + r.body());
  }

  private static String auditText() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir.resolve("data").resolve("audit"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.append(Files.readString(f)).append('\n');
      }
    }
    return out.toString();
  }
}
