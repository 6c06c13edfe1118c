package org.keyward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keyward.http.Authorizer;
import org.keyward.http.Caller;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * The policy endpoints over HTTP, through the real pipeline. Requests are made from the test thread
 * and awaited there, never on the event loop.
 */
class PolicyRoutesIT {
  private static final String OPS =
      "# ops\npath \"secret/data/ops/*\" {\n  capabilities = [\"read\", \"update\"]\n}\n";

  private static final String ROOT_TOKEN = PipelineHarness.ROOT_TOKEN;
  private static final String USER_TOKEN = "user-token-for-tests";

  private Vertx vertx;
  private InMemoryStorageView storage;
  private PipelineHarness server;

  @BeforeEach
  void start() {
    startServer(false);
  }

  private void startServer(boolean useAcl) {
    if (vertx != null) {
      Futures.await(vertx.close());
    }
    vertx = Vertx.vertx();
    storage = new InMemoryStorageView();
    PolicyStore store = new PolicyStore(storage.sub("sys/policy/"));
    server =
        PipelineHarness.builder(vertx)
            .mount("sys/", "system", new PolicyRoutes(store).operations())
            .token(
                USER_TOKEN,
                new Caller(
                    "user-accessor",
                    Set.of("default", "user"),
                    "test",
                    "auth/token/create",
                    "",
                    Map.of()))
            .authorizer(useAcl ? store.authorizer() : Authorizer.ROOT_ONLY)
            .start();
  }

  @AfterEach
  void stop() {
    Futures.await(vertx.close());
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    return server.send(method, path, token, body);
  }

  private HttpResponse<Buffer> root(HttpMethod method, String path, JsonObject body) {
    return send(method, path, ROOT_TOKEN, body);
  }

  private static List<Object> errors(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonArray("errors").getList();
  }

  @Test
  void writeReadListDelete_aclPaths_roundTripAsVault() {
    HttpResponse<Buffer> put =
        root(HttpMethod.PUT, "sys/policies/acl/Ops", new JsonObject().put("policy", OPS));
    assertEquals(204, put.statusCode());

    HttpResponse<Buffer> read = root(HttpMethod.GET, "sys/policies/acl/ops", null);
    assertEquals(200, read.statusCode());
    JsonObject body = read.bodyAsJsonObject();
    assertEquals("ops", body.getJsonObject("data").getString("name"));
    assertEquals(OPS, body.getJsonObject("data").getString("policy"));
    assertEquals(OPS, body.getString("policy"), "sys responses copy data to the top level");

    HttpResponse<Buffer> list = root(HttpMethod.valueOf("LIST"), "sys/policies/acl", null);
    assertEquals(
        new JsonArray().add("ops").add("root"),
        list.bodyAsJsonObject().getJsonObject("data").getJsonArray("keys"));
    HttpResponse<Buffer> listByQuery = root(HttpMethod.GET, "sys/policies/acl?list=true", null);
    assertEquals(200, listByQuery.statusCode());

    assertEquals(204, root(HttpMethod.DELETE, "sys/policies/acl/ops", null).statusCode());
    HttpResponse<Buffer> gone = root(HttpMethod.GET, "sys/policies/acl/ops", null);
    assertEquals(404, gone.statusCode());
    assertEquals(List.of(), errors(gone));
    assertEquals(204, root(HttpMethod.DELETE, "sys/policies/acl/ops", null).statusCode());
  }

  @Test
  void write_base64Text_storesTheDecodedText() {
    String encoded = Base64.getEncoder().encodeToString(OPS.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        204,
        root(HttpMethod.POST, "sys/policies/acl/ops", new JsonObject().put("policy", encoded))
            .statusCode());
    assertEquals(
        OPS,
        root(HttpMethod.GET, "sys/policies/acl/ops", null)
            .bodyAsJsonObject()
            .getJsonObject("data")
            .getString("policy"));
  }

  @Test
  void write_jsonForm_isAccepted() {
    String json = "{\"path\":{\"secret/*\":{\"capabilities\":[\"read\"]}}}";
    assertEquals(
        204,
        root(HttpMethod.PUT, "sys/policies/acl/j", new JsonObject().put("policy", json))
            .statusCode());
  }

  @Test
  void write_malformedHcl_returns400WithPositionAndChangesNothing() {
    root(HttpMethod.PUT, "sys/policies/acl/ops", new JsonObject().put("policy", OPS));
    String broken = "path \"a\" {\n  capabilities = [\"read\"] = \n}\n";
    HttpResponse<Buffer> r =
        root(HttpMethod.PUT, "sys/policies/acl/ops", new JsonObject().put("policy", broken));
    assertEquals(400, r.statusCode());
    assertEquals(List.of("failed to parse policy: syntax error at line 2, column 27"), errors(r));
    assertEquals(
        OPS,
        root(HttpMethod.GET, "sys/policies/acl/ops", null).bodyAsJsonObject().getString("policy"));
  }

  @Test
  void write_missingPolicy_returns400() {
    HttpResponse<Buffer> r = root(HttpMethod.PUT, "sys/policies/acl/ops", new JsonObject());
    assertEquals(400, r.statusCode());
    assertEquals(List.of("'policy' parameter not supplied or empty"), errors(r));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"root", "ROOT", "Root", "%20root", "root%20", "%20RoOt%20", "%09root", "root%0A"})
  void write_anySpellingOfRoot_returns400AndStoresNothing(String name) {
    HttpResponse<Buffer> r =
        root(HttpMethod.PUT, "sys/policies/acl/" + name, new JsonObject().put("policy", OPS));
    assertEquals(400, r.statusCode(), r.bodyAsString());
    assertTrue(storage.keys().isEmpty());
    HttpResponse<Buffer> legacy =
        root(HttpMethod.PUT, "sys/policy/" + name, new JsonObject().put("rules", OPS));
    assertEquals(400, legacy.statusCode(), legacy.bodyAsString());
    assertTrue(storage.keys().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"root", "ROOT", "%20root", "Root%20"})
  void delete_anySpellingOfRoot_returns400(String name) {
    HttpResponse<Buffer> r = root(HttpMethod.DELETE, "sys/policies/acl/" + name, null);
    assertEquals(400, r.statusCode());
    assertEquals(List.of("cannot delete \"root\" policy"), errors(r));
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "DEFAULT", "DEFAULT%20", "%20Default"})
  void delete_anySpellingOfDefault_returns400AndKeepsIt(String name) {
    root(HttpMethod.PUT, "sys/policies/acl/default", new JsonObject().put("policy", OPS));
    HttpResponse<Buffer> r = root(HttpMethod.DELETE, "sys/policy/" + name, null);
    assertEquals(400, r.statusCode());
    assertEquals(List.of("cannot delete default policy"), errors(r));
    assertEquals(200, root(HttpMethod.GET, "sys/policies/acl/default", null).statusCode());
  }

  @Test
  void read_root_returnsAnEmptyPolicy() {
    JsonObject data =
        root(HttpMethod.GET, "sys/policies/acl/root", null)
            .bodyAsJsonObject()
            .getJsonObject("data");
    assertEquals(new JsonObject().put("name", "root").put("policy", ""), data);
  }

  @Test
  void legacyPaths_useRulesAndListPolicies() {
    HttpResponse<Buffer> put =
        root(HttpMethod.PUT, "sys/policy/ops", new JsonObject().put("rules", OPS));
    assertEquals(200, put.statusCode());
    assertEquals(
        new JsonArray().add("'rules' is deprecated, please use 'policy' instead"),
        put.bodyAsJsonObject().getJsonArray("warnings"));
    assertEquals(
        204,
        root(HttpMethod.PUT, "sys/policy/ops2", new JsonObject().put("policy", OPS)).statusCode());

    JsonObject read = root(HttpMethod.GET, "sys/policy/ops", null).bodyAsJsonObject();
    assertEquals(OPS, read.getJsonObject("data").getString("rules"));

    JsonObject list = root(HttpMethod.GET, "sys/policy", null).bodyAsJsonObject();
    JsonArray names = new JsonArray().add("ops").add("ops2").add("root");
    assertEquals(names, list.getJsonArray("policies"));
    assertEquals(names, list.getJsonArray("keys"));
  }

  @Test
  void anyRoute_withoutRoot_isDenied() {
    assertEquals(403, send(HttpMethod.GET, "sys/policy", USER_TOKEN, null).statusCode());
    assertEquals(403, send(HttpMethod.GET, "sys/policy", null, null).statusCode());
    assertEquals(403, send(HttpMethod.GET, "sys/policy", "wrong", null).statusCode());
  }

  @Test
  void storeAcl_wiredAsAuthorizer_appliesAWrittenPolicyAtOnce() {
    startServer(true);
    String user = USER_TOKEN;
    assertEquals(403, send(HttpMethod.GET, "sys/policies/acl/root", user, null).statusCode());
    String grant =
        "path \"sys/policies/acl/*\" { capabilities = [\"read\", \"list\"] }\n"
            + "path \"sys/policies/acl/root\" { capabilities = [\"deny\"] }\n";
    assertEquals(
        204,
        root(HttpMethod.PUT, "sys/policies/acl/user", new JsonObject().put("policy", grant))
            .statusCode());
    assertEquals(200, send(HttpMethod.GET, "sys/policies/acl/user", user, null).statusCode());
    assertEquals(403, send(HttpMethod.GET, "sys/policies/acl/root", user, null).statusCode());
    assertEquals(
        403,
        send(HttpMethod.PUT, "sys/policies/acl/user", user, new JsonObject().put("policy", grant))
            .statusCode());
  }
}
