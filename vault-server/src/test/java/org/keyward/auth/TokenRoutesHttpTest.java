package org.keyward.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

class TokenRoutesHttpTest {
  private static final JsonObject DENIED =
      new JsonObject().put("errors", new JsonArray().add("permission denied"));
  private static Vertx vertx;
  private TokenStore tokens;
  private PipelineHarness server;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  @BeforeEach
  void setUp() {
    tokens = new TokenStore(new InMemoryStorageView().sub("sys/token/"), Clock.systemUTC());
    server =
        PipelineHarness.builder(vertx)
            .mount(
                TokenRoutes.MOUNT_PATH,
                TokenRoutes.MOUNT_TYPE,
                new TokenRoutes(tokens).operations())
            .authenticator(new TokenAuthenticator(tokens))
            .rootToken(await(tokens.issueRootToken()))
            .start();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void lookupSelf_withXVaultToken_returnsVaultDataShape() {
    HttpResponse<Buffer> r = server.root(HttpMethod.GET, "auth/token/lookup-self", null);
    assertEquals(200, r.statusCode());
    JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
    assertEquals(
        Set.of(
            "accessor",
            "creation_time",
            "creation_ttl",
            "display_name",
            "entity_id",
            "expire_time",
            "explicit_max_ttl",
            "id",
            "issue_time",
            "meta",
            "num_uses",
            "orphan",
            "path",
            "policies",
            "renewable",
            "ttl",
            "type"),
        data.fieldNames());
    assertEquals(server.rootToken(), data.getString("id"));
    assertEquals(new JsonArray().add("root"), data.getJsonArray("policies"));
    assertEquals("service", data.getString("type"));
    assertEquals(0L, data.getLong("ttl"));
    assertNull(data.getValue("expire_time"));
    assertEquals("auth/token/root", data.getString("path"));
    Instant.parse(data.getString("issue_time"));
  }

  @Test
  void lookupSelf_withBearer_sameAnswer() {
    HttpResponse<Buffer> r =
        await(
            server
                .request(HttpMethod.GET, "auth/token/lookup-self")
                .putHeader("Authorization", "Bearer " + server.rootToken())
                .send());
    assertEquals(200, r.statusCode());
    assertEquals(server.rootToken(), r.bodyAsJsonObject().getJsonObject("data").getString("id"));
  }

  @Test
  void lookupSelf_postAlsoServed() {
    assertEquals(
        200, server.root(HttpMethod.POST, "auth/token/lookup-self", new JsonObject()).statusCode());
  }

  @Test
  void lookupSelf_noToken_403PermissionDenied() {
    HttpResponse<Buffer> r = server.send(HttpMethod.GET, "auth/token/lookup-self", null, null);
    assertEquals(403, r.statusCode());
    assertEquals(DENIED, r.bodyAsJsonObject());
  }

  @Test
  void lookupSelf_badToken_403PermissionDenied() {
    for (String bad :
        List.of(
            "hvs.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "root", server.rootToken() + "x")) {
      HttpResponse<Buffer> r = server.send(HttpMethod.GET, "auth/token/lookup-self", bad, null);
      assertEquals(403, r.statusCode(), bad);
      assertEquals(DENIED, r.bodyAsJsonObject());
    }
  }

  @Test
  void create_returnsAuthBlockSpringVaultReads() {
    JsonObject body =
        new JsonObject()
            .put("display_name", "terraform")
            .put("ttl", "1200s")
            .put("explicit_max_ttl", "1200s")
            .put("renewable", false)
            .put("policies", new JsonArray().add("ops"))
            .put("meta", new JsonObject().put("team", "net"));
    HttpResponse<Buffer> r = server.root(HttpMethod.POST, "auth/token/create", body);
    assertEquals(200, r.statusCode());
    JsonObject auth = r.bodyAsJsonObject().getJsonObject("auth");
    assertTrue(auth.getString("client_token").startsWith("hvs."));
    assertEquals(new JsonArray().add("default").add("ops"), auth.getJsonArray("policies"));
    assertEquals(auth.getJsonArray("policies"), auth.getJsonArray("token_policies"));
    assertEquals(1200L, auth.getLong("lease_duration"));
    assertEquals(false, auth.getBoolean("renewable"));
    assertEquals("service", auth.getString("token_type"));
    assertEquals(false, auth.getBoolean("orphan"));
    assertEquals(0L, auth.getLong("num_uses"));
    assertEquals("", auth.getString("entity_id"));
    assertEquals("net", auth.getJsonObject("metadata").getString("team"));
    assertNull(r.bodyAsJsonObject().getValue("data"));
  }

  @Test
  void create_badInput_400NamingField() {
    HttpResponse<Buffer> r =
        server.root(HttpMethod.POST, "auth/token/create", new JsonObject().put("ttl", "forever"));
    assertEquals(400, r.statusCode());
    assertTrue(r.bodyAsJsonObject().getJsonArray("errors").getString(0).contains("'ttl'"));
    assertEquals(
        400,
        server
            .root(HttpMethod.POST, "auth/token/create", new JsonObject().put("num_uses", -1))
            .statusCode());
  }

  @Test
  void create_unsupportedTokenKinds_400() {
    for (JsonObject body :
        List.of(
            new JsonObject().put("type", "batch"),
            new JsonObject().put("period", "1h"),
            new JsonObject().put("id", "chosen"))) {
      assertEquals(
          400, server.root(HttpMethod.POST, "auth/token/create", body).statusCode(), body.encode());
    }
  }

  @Test
  void createOrphan_survivesRevocationOfCreator() {
    String parent = createChild(new JsonObject().put("policies", new JsonArray().add("root")));
    HttpResponse<Buffer> r =
        server.send(HttpMethod.POST, "auth/token/create-orphan", parent, new JsonObject());
    assertEquals(200, r.statusCode());
    JsonObject auth = r.bodyAsJsonObject().getJsonObject("auth");
    assertEquals(true, auth.getBoolean("orphan"));
    server.root(HttpMethod.POST, "auth/token/revoke", new JsonObject().put("token", parent));
    assertEquals(
        200,
        server
            .root(
                HttpMethod.POST,
                "auth/token/lookup",
                new JsonObject().put("token", auth.getString("client_token")))
            .statusCode());
  }

  @Test
  void lookup_tokenInBody_thenRevoke_thenBadToken() {
    String child = createChild(new JsonObject().put("ttl", "1h"));
    HttpResponse<Buffer> found =
        server.root(HttpMethod.POST, "auth/token/lookup", new JsonObject().put("token", child));
    assertEquals(200, found.statusCode());
    assertEquals(child, found.bodyAsJsonObject().getJsonObject("data").getString("id"));

    assertEquals(
        204,
        server
            .root(HttpMethod.POST, "auth/token/revoke", new JsonObject().put("token", child))
            .statusCode());

    HttpResponse<Buffer> gone =
        server.root(HttpMethod.POST, "auth/token/lookup", new JsonObject().put("token", child));
    assertEquals(403, gone.statusCode());
    assertEquals(
        403, server.send(HttpMethod.GET, "auth/token/lookup-self", child, null).statusCode());
  }

  @Test
  void lookup_missingToken_400() {
    assertEquals(
        400, server.root(HttpMethod.POST, "auth/token/lookup", new JsonObject()).statusCode());
  }

  @Test
  void renew_incrementBoundedByExplicitMax_warns() {
    String child = createChild(new JsonObject().put("ttl", "60s").put("explicit_max_ttl", "300s"));
    HttpResponse<Buffer> r =
        server.root(
            HttpMethod.POST,
            "auth/token/renew",
            new JsonObject().put("token", child).put("increment", "1h"));
    assertEquals(200, r.statusCode());
    JsonObject auth = r.bodyAsJsonObject().getJsonObject("auth");
    assertEquals(child, auth.getString("client_token"));
    long lease = auth.getLong("lease_duration");
    assertTrue(lease <= 300 && lease >= 298, "lease " + lease);
    assertEquals(1, r.bodyAsJsonObject().getJsonArray("warnings").size());
  }

  @Test
  void renewSelf_rootToken_answersAuthBlock() {
    HttpResponse<Buffer> r =
        server.root(
            HttpMethod.POST, "auth/token/renew-self", new JsonObject().put("increment", "1h"));
    assertEquals(200, r.statusCode());
    JsonObject auth = r.bodyAsJsonObject().getJsonObject("auth");
    assertEquals(server.rootToken(), auth.getString("client_token"));
    for (String field :
        List.of(
            "accessor",
            "policies",
            "token_policies",
            "metadata",
            "lease_duration",
            "renewable",
            "entity_id",
            "token_type",
            "orphan",
            "num_uses")) {
      assertTrue(auth.containsKey(field), field);
    }
  }

  @Test
  void renew_notRenewable_400() {
    String child = createChild(new JsonObject().put("renewable", false));
    assertEquals(
        400,
        server
            .root(HttpMethod.POST, "auth/token/renew", new JsonObject().put("token", child))
            .statusCode());
  }

  @Test
  void lookupAccessor_thenRevokeAccessor_204AndGone() {
    String child = createChild(new JsonObject());
    String accessor =
        server
            .root(HttpMethod.POST, "auth/token/lookup", new JsonObject().put("token", child))
            .bodyAsJsonObject()
            .getJsonObject("data")
            .getString("accessor");
    HttpResponse<Buffer> byAccessor =
        server.root(
            HttpMethod.POST,
            "auth/token/lookup-accessor",
            new JsonObject().put("accessor", accessor));
    assertEquals(200, byAccessor.statusCode());
    JsonObject data = byAccessor.bodyAsJsonObject().getJsonObject("data");
    assertEquals("", data.getString("id"));
    assertFalse(byAccessor.bodyAsString().contains(child));

    HttpResponse<Buffer> revoked =
        server.root(
            HttpMethod.POST,
            "auth/token/revoke-accessor",
            new JsonObject().put("accessor", accessor));
    assertEquals(204, revoked.statusCode());
    assertEquals(0, revoked.body() == null ? 0 : revoked.body().length());
    assertEquals(
        400,
        server
            .root(
                HttpMethod.POST,
                "auth/token/lookup-accessor",
                new JsonObject().put("accessor", accessor))
            .statusCode());
  }

  @Test
  void revokeSelf_thenTokenRefused() {
    String other = await(tokens.issueRootToken());
    assertEquals(
        204,
        server
            .send(HttpMethod.POST, "auth/token/revoke-self", other, new JsonObject())
            .statusCode());
    assertEquals(
        403, server.send(HttpMethod.GET, "auth/token/lookup-self", other, null).statusCode());
    assertEquals(200, server.root(HttpMethod.GET, "auth/token/lookup-self", null).statusCode());
  }

  @Test
  void revoke_parentOverHttp_revokesChildren() {
    String parent = createChild(new JsonObject().put("policies", new JsonArray().add("root")));
    String grandchild =
        server
            .send(HttpMethod.POST, "auth/token/create", parent, new JsonObject())
            .bodyAsJsonObject()
            .getJsonObject("auth")
            .getString("client_token");
    assertEquals(
        204,
        server
            .root(HttpMethod.POST, "auth/token/revoke", new JsonObject().put("token", parent))
            .statusCode());
    assertEquals(
        403,
        server
            .root(HttpMethod.POST, "auth/token/lookup", new JsonObject().put("token", grandchild))
            .statusCode());
  }

  private String createChild(JsonObject body) {
    HttpResponse<Buffer> r = server.root(HttpMethod.POST, "auth/token/create", body);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonObject("auth").getString("client_token");
  }
}
