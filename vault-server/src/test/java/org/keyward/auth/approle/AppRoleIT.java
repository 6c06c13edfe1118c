package org.keyward.auth.approle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.auth.LoginFixture.send;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.auth.LoginFixture;
import org.keyward.auth.LoginLockout;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;

@ExtendWith(VertxExtension.class)
class AppRoleIT {
  private static final String UUID_SHAPE =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final TestClock clock = new TestClock();
  private LoginFixture logins;
  private PipelineHarness server;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    LoginLockout lockout =
        new LoginLockout(3, Duration.ofMinutes(15), Duration.ofMinutes(15), 1000, clock);
    logins = LoginFixture.create();
    server = logins.serve(vertx, clock, lockout);
    client = server.client(logins.clientOptions(null));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void role_createReadListRoleIdDelete_roundTrip() throws Exception {
    assertEquals(
        204,
        admin(
                HttpMethod.POST,
                "role/Orchestrator",
                new JsonObject()
                    .put("policies", new JsonArray().add("cell").add("OPS"))
                    .put("token_ttl", "1h")
                    .put("token_max_ttl", 7200)
                    .put("secret_id_num_uses", "5"))
            .statusCode());

    JsonObject data = data(admin(HttpMethod.GET, "role/orchestrator", null));
    assertEquals(new JsonArray().add("cell").add("ops"), data.getJsonArray("token_policies"));
    assertEquals(3600, data.getLong("token_ttl"));
    assertEquals(7200, data.getLong("token_max_ttl"));
    assertEquals(5, data.getInteger("secret_id_num_uses"));
    assertEquals(true, data.getBoolean("bind_secret_id"));

    assertEquals(
        new JsonArray().add("orchestrator"),
        data(admin(HttpMethod.GET, "role?list=true", null)).getJsonArray("keys"));
    String roleId =
        data(admin(HttpMethod.GET, "role/orchestrator/role-id", null)).getString("role_id");
    assertTrue(roleId.matches(UUID_SHAPE), roleId);

    assertEquals(204, admin(HttpMethod.DELETE, "role/orchestrator", null).statusCode());
    assertEquals(404, admin(HttpMethod.GET, "role/orchestrator", null).statusCode());
    assertEquals(404, admin(HttpMethod.GET, "role?list=true", null).statusCode());
  }

  @Test
  void login_withRoleIdAndSecretId_returnsAuthBlock() throws Exception {
    String roleId = createRole("orchestrator", new JsonObject().put("token_policies", "cell"));
    JsonObject secret =
        data(admin(HttpMethod.POST, "role/orchestrator/secret-id", new JsonObject()));
    assertTrue(secret.getString("secret_id").matches(UUID_SHAPE));
    assertTrue(secret.getString("secret_id_accessor").matches(UUID_SHAPE));
    assertEquals(0, secret.getLong("secret_id_ttl"));
    assertEquals(0, secret.getInteger("secret_id_num_uses"));

    HttpResponse<Buffer> resp = login(roleId, secret.getString("secret_id"));

    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    JsonObject body = resp.bodyAsJsonObject();
    assertEquals(null, body.getJsonObject("data"));
    JsonObject auth = body.getJsonObject("auth");
    assertTrue(auth.getString("client_token").startsWith("test-token-"));
    assertEquals(new JsonArray().add("cell"), auth.getJsonArray("policies"));
    assertEquals("orchestrator", auth.getJsonObject("metadata").getString("role_name"));
    assertEquals("auth/approle/login", logins.issuer().grants().get(0).authPath());
  }

  @Test
  void roleId_setCustom_oldIdRefusedNewIdLogsInAndDuplicateRefused() throws Exception {
    String oldId = createRole("cells", new JsonObject());
    String otherId = createRole("other", new JsonObject());
    String secretId = newSecretId("cells");

    assertEquals(
        204,
        admin(
                HttpMethod.POST,
                "role/cells/role-id",
                new JsonObject().put("role_id", "cells-custom-id"))
            .statusCode());

    assertEquals(
        "cells-custom-id",
        data(admin(HttpMethod.GET, "role/cells/role-id", null)).getString("role_id"));
    assertError(login(oldId, secretId), "invalid role or secret ID");
    assertEquals(200, login("cells-custom-id", secretId).statusCode());
    assertError(
        admin(HttpMethod.POST, "role/cells/role-id", new JsonObject().put("role_id", otherId)),
        "role_id already in use");
  }

  @Test
  void secretId_listLookupAndDestroyByAccessor_thenLoginRefused() throws Exception {
    String roleId = createRole("cells", new JsonObject());
    JsonObject secret =
        data(
            admin(
                HttpMethod.POST,
                "role/cells/secret-id",
                new JsonObject().put("metadata", "{\"cell\":\"17\"}").put("ttl", "1h")));
    String accessor = secret.getString("secret_id_accessor");

    assertEquals(
        new JsonArray().add(accessor),
        data(admin(HttpMethod.GET, "role/cells/secret-id?list=true", null)).getJsonArray("keys"));
    JsonObject looked =
        data(
            admin(
                HttpMethod.POST,
                "role/cells/secret-id/lookup",
                new JsonObject().put("secret_id", secret.getString("secret_id"))));
    assertEquals(accessor, looked.getString("secret_id_accessor"));
    assertEquals("17", looked.getJsonObject("metadata").getString("cell"));
    assertEquals(3600, looked.getLong("secret_id_ttl"));
    JsonObject byAccessor =
        data(
            admin(
                HttpMethod.POST,
                "role/cells/secret-id-accessor/lookup",
                new JsonObject().put("secret_id_accessor", accessor)));
    assertEquals(looked, byAccessor);

    assertEquals(
        204,
        admin(
                HttpMethod.POST,
                "role/cells/secret-id-accessor/destroy",
                new JsonObject().put("secret_id_accessor", accessor))
            .statusCode());

    assertError(login(roleId, secret.getString("secret_id")), "invalid secret id");
    assertEquals(404, admin(HttpMethod.GET, "role/cells/secret-id?list=true", null).statusCode());
  }

  @Test
  void secretId_destroyBySecretId_thenLoginRefused() throws Exception {
    String roleId = createRole("cells", new JsonObject());
    String secretId = newSecretId("cells");
    assertEquals(
        204,
        admin(
                HttpMethod.POST,
                "role/cells/secret-id/destroy",
                new JsonObject().put("secret_id", secretId))
            .statusCode());
    assertError(login(roleId, secretId), "invalid secret id");
  }

  @Test
  void login_replayedOneUseSecretId_returns400() throws Exception {
    String roleId = createRole("once", new JsonObject().put("secret_id_num_uses", 1));
    String secretId = newSecretId("once");
    assertEquals(200, login(roleId, secretId).statusCode());

    assertError(login(roleId, secretId), "invalid secret id");
    assertEquals(1, logins.issuer().grants().size());
  }

  @Test
  void login_twentyConcurrentRequestsWithOneUseSecretId_exactlyOneSucceeds() throws Exception {
    String roleId = createRole("once", new JsonObject().put("secret_id_num_uses", 1));
    String secretId = newSecretId("once");
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(
          send(
              server.client(logins.clientOptions(null)),
              HttpMethod.POST,
              "auth/approle/login",
              new JsonObject().put("role_id", roleId).put("secret_id", secretId),
              false));
    }
    int ok = 0;
    for (Future<HttpResponse<Buffer>> f : sent) {
      int status = await(f).statusCode();
      ok += status == 200 ? 1 : 0;
      // Refused replays count as failures, so after three the role id is locked out (403).
      assertTrue(status == 200 || status == 400 || status == 403, "status " + status);
    }
    assertEquals(1, ok);
    assertEquals(1, logins.issuer().grants().size());
  }

  @Test
  void login_expiredSecretId_returns400() throws Exception {
    String roleId = createRole("short", new JsonObject().put("secret_id_ttl", "2m"));
    String secretId = newSecretId("short");
    clock.advance(Duration.ofMinutes(2));
    assertError(login(roleId, secretId), "invalid secret id");
  }

  @Test
  void login_failuresOverRoleIdVariants_lockOutRealCredentials() throws Exception {
    String roleId = createRole("locked", new JsonObject());
    String secretId = newSecretId("locked");
    for (String variant : List.of(roleId.toUpperCase(), "  " + roleId, roleId + " ")) {
      assertEquals(400, login(variant, "wrong").statusCode());
    }
    HttpResponse<Buffer> locked = login(roleId, secretId);
    assertEquals(403, locked.statusCode());
    assertTrue(logins.issuer().grants().isEmpty());
  }

  @Test
  void badInput_returns4xxNamingTheProblem() throws Exception {
    createRole("cells", new JsonObject());
    assertError(
        send(client, HttpMethod.POST, "auth/approle/login", new JsonObject(), false),
        "missing required field 'role_id'");
    assertError(login("11111111-2222-3333-4444-555555555555", "x"), "invalid role or secret ID");
    assertError(
        admin(HttpMethod.POST, "role/cells", new JsonObject().put("token_ttl", "soon")),
        "field 'token_ttl' must be a duration such as 90s, 15m or 24h");
    assertError(
        admin(HttpMethod.POST, "role/cells", new JsonObject().put("bind_secret_id", false)),
        "at least one constraint should be enabled on the role (bind_secret_id)");
    assertError(
        admin(HttpMethod.POST, "role/missing/secret-id", new JsonObject()),
        "role \"missing\" does not exist");
    assertError(
        admin(HttpMethod.POST, "role/cells/secret-id", new JsonObject().put("metadata", "{oops")),
        "field 'metadata' must be a JSON object of strings");
    assertError(
        admin(
            HttpMethod.POST,
            "role/cells/secret-id-accessor/lookup",
            new JsonObject().put("secret_id_accessor", "../../salt/hmac-key")),
        "field 'secret_id_accessor' is not a secret id accessor");
    assertEquals(
        403,
        await(send(client, HttpMethod.POST, "auth/approle/role/cells", new JsonObject(), false))
            .statusCode());
  }

  private String createRole(String name, JsonObject body) throws Exception {
    assertEquals(204, admin(HttpMethod.POST, "role/" + name, body).statusCode());
    return data(admin(HttpMethod.GET, "role/" + name + "/role-id", null)).getString("role_id");
  }

  private String newSecretId(String role) throws Exception {
    return data(admin(HttpMethod.POST, "role/" + role + "/secret-id", new JsonObject()))
        .getString("secret_id");
  }

  private HttpResponse<Buffer> admin(HttpMethod method, String path, JsonObject body)
      throws Exception {
    return await(send(client, method, "auth/approle/" + path, body, true));
  }

  private Future<HttpResponse<Buffer>> loginAsync(String roleId, String secretId) {
    return send(
        client,
        HttpMethod.POST,
        "auth/approle/login",
        new JsonObject().put("role_id", roleId).put("secret_id", secretId),
        false);
  }

  private HttpResponse<Buffer> login(String roleId, String secretId) throws Exception {
    return await(loginAsync(roleId, secretId));
  }

  private static JsonObject data(HttpResponse<Buffer> resp) {
    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    return resp.bodyAsJsonObject().getJsonObject("data");
  }

  private static void assertError(Future<HttpResponse<Buffer>> f, String message) throws Exception {
    assertError(await(f), message);
  }

  private static void assertError(HttpResponse<Buffer> resp, String message) {
    assertEquals(400, resp.statusCode(), resp.bodyAsString());
    assertEquals(Map.of("errors", List.of(message)), resp.bodyAsJsonObject().getMap());
  }
}
