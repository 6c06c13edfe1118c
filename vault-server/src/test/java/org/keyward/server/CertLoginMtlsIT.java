package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.auth.TestCerts;

/**
 * Certificate login over real mTLS on the whole server (SoftHSM, SQLite): a cell's leaf issued by
 * the server's own PKI engine (root key in the HSM) logs in at {@code auth/cert/login} and gets a
 * token under the role's policy; a leaf from another CA, a leaf whose CN the role does not allow,
 * no client certificate (whatever the body claims) are refused with 400; repeated failures of one
 * leaf lock it out (403). Lockout threshold 3 (config key).
 */
class CertLoginMtlsIT {
  private static final String CELL_CN = "cell-17.cells.keyward.internal";

  @TempDir Path dir;
  private VaultTestServer server;
  private String rootPem;

  @BeforeEach
  void start() {
    server =
        VaultTestServer.startDev(
            dir.resolve("data"), Map.of(ConfigKey.LOGIN_LOCKOUT_THRESHOLD, "3"));
    // A dev server's pki/ already holds its root CA, the one the cells' leaves come from.
    VaultTestServer.Response root = server.get("/v1/pki/ca/pem");
    assertEquals(200, root.status(), root.body());
    rootPem = root.body();
    pkiRole(
        "cells",
        new JsonObject()
            .put("allowed_domains", new JsonArray().add("cells.keyward.internal"))
            .put("allow_subdomains", true));
    pkiRole("anything", new JsonObject().put("allow_any_name", true));
    assertEquals(
        204, server.post("/v1/sys/auth/cert", new JsonObject().put("type", "cert")).status());
    TestAppRoles.readerPolicy(server, "cell-reader", "cells/");
    VaultTestServer.Response role =
        server.post(
            "/v1/auth/cert/certs/cells",
            new JsonObject()
                .put("certificate", rootPem)
                .put("allowed_common_names", new JsonArray().add("*.cells.keyward.internal"))
                .put("token_policies", "cell-reader")
                .put("token_ttl", "20m"));
    assertEquals(204, role.status(), role.body());
    JsonObject params = new JsonObject().put("data", new JsonObject().put("vlan", "17"));
    assertEquals(200, server.post("/v1/secret/data/cells/cell-17", params).status());
    assertEquals(200, server.post("/v1/secret/data/core/db", params).status());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void login_leafIssuedByServerPki_returnsTokenUnderRolePolicy() throws Exception {
    HttpClient cell = clientFor(issue("cells", CELL_CN));

    VaultTestServer.Response login = login(cell, new JsonObject());

    assertEquals(200, login.status(), login.body());
    JsonObject auth = login.json().getJsonObject("auth");
    assertEquals(new JsonArray(List.of("cell-reader", "default")), auth.getJsonArray("policies"));
    assertEquals(1200, auth.getLong("lease_duration"));
    assertEquals("cells", auth.getJsonObject("metadata").getString("cert_name"));
    assertEquals(CELL_CN, auth.getJsonObject("metadata").getString("common_name"));
    String token = auth.getString("client_token");
    assertEquals(200, server.call("GET", "/v1/secret/data/cells/cell-17", token, null).status());
    assertEquals(403, server.call("GET", "/v1/secret/data/core/db", token, null).status());
    JsonObject self = server.call("GET", "/v1/auth/token/lookup-self", token, null).data();
    assertEquals("auth/cert/login", self.getString("path"));
    assertEquals("cert-cells", self.getString("display_name"));
    // Naming the role explicitly works too.
    assertEquals(200, login(cell, new JsonObject().put("name", "cells")).status());
  }

  @Test
  void login_leafFromAnotherCaWithSameName_400() {
    TestCerts.Issued otherRoot = TestCerts.rootCa("Keyward Cells Root");
    TestCerts.Issued lookAlike = TestCerts.clientLeaf(CELL_CN, otherRoot);

    VaultTestServer.Response login =
        login(
            server.clientWithCertificate(lookAlike.keys().getPrivate(), lookAlike.chain()),
            new JsonObject());

    assertEquals(400, login.status(), login.body());
    assertFalse(login.body().contains("client_token"));
  }

  @Test
  void login_leafWithCommonNameOutsideRole_400() throws Exception {
    HttpClient intruder = clientFor(issue("anything", "intruder.example.net"));

    VaultTestServer.Response login = login(intruder, new JsonObject());

    assertEquals(400, login.status(), login.body());
  }

  @Test
  void login_withoutClientCertificate_400WhateverTheBodyClaims() throws Exception {
    JsonObject issued = issue("cells", CELL_CN);
    JsonObject claims =
        new JsonObject().put("name", "cells").put("certificate", issued.getString("certificate"));

    VaultTestServer.Response login = server.call("POST", "/v1/auth/cert/login", null, claims);

    assertEquals(400, login.status(), login.body());
    assertEquals(
        List.of("client certificate must be supplied"),
        login.json().getJsonArray("errors").getList());
    // Requests without a certificate are otherwise served as ever.
    assertEquals(200, server.get("/v1/sys/auth").status());
  }

  @Test
  void login_afterThresholdFailuresOfOneLeaf_403ThenOtherLeavesUnaffected() throws Exception {
    HttpClient cell = clientFor(issue("cells", CELL_CN));
    for (int i = 0; i < 3; i++) {
      assertEquals(400, login(cell, new JsonObject().put("name", "absent")).status());
    }

    VaultTestServer.Response locked = login(cell, new JsonObject());

    assertEquals(403, locked.status(), locked.body());
    assertTrue(locked.body().contains("too many failed login attempts"), locked.body());
    HttpClient sibling = clientFor(issue("cells", "cell-18.cells.keyward.internal"));
    assertEquals(200, login(sibling, new JsonObject()).status());
  }

  private VaultTestServer.Response login(HttpClient client, JsonObject body) {
    return server.call(client, "POST", "/v1/auth/cert/login", null, body);
  }

  private void pkiRole(String name, JsonObject settings) {
    settings.put("client_flag", true).put("server_flag", false).put("ttl", "24h");
    VaultTestServer.Response r = server.post("/v1/pki/roles/" + name, settings);
    assertEquals(200, r.status(), r.body());
  }

  private JsonObject issue(String role, String cn) {
    VaultTestServer.Response r =
        server.post(
            "/v1/pki/issue/" + role,
            new JsonObject().put("common_name", cn).put("private_key_format", "pkcs8"));
    assertEquals(200, r.status(), r.body());
    return r.data();
  }

  private HttpClient clientFor(JsonObject issued) throws Exception {
    X509Certificate leaf =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        issued.getString("certificate").getBytes(StandardCharsets.US_ASCII)));
    String pem =
        issued
            .getString("private_key")
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    PrivateKey key =
        KeyFactory.getInstance(leaf.getPublicKey().getAlgorithm())
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    return server.clientWithCertificate(key, List.of(leaf));
  }
}
