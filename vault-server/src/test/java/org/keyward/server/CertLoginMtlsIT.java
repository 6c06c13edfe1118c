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
import org.keyward.engine.pki.OpenSsl;

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

  @Test
  void revoke_keywardIssuedLeaf_refusesItsLoginAndRevokesItsToken() throws Exception {
    JsonObject issued = issue("cells", CELL_CN);
    HttpClient cell = clientFor(issued);
    String token =
        login(cell, new JsonObject()).json().getJsonObject("auth").getString("client_token");
    HttpClient sibling = clientFor(issue("cells", "cell-18.cells.keyward.internal"));
    String siblingToken =
        login(sibling, new JsonObject()).json().getJsonObject("auth").getString("client_token");

    VaultTestServer.Response revoke =
        server.post(
            "/v1/pki/revoke",
            new JsonObject().put("serial_number", issued.getString("serial_number")));

    assertEquals(200, revoke.status(), revoke.body());
    VaultTestServer.Response refused = login(cell, new JsonObject());
    assertEquals(400, refused.status(), refused.body());
    assertEquals(
        List.of("client certificate has been revoked"),
        refused.json().getJsonArray("errors").getList());
    assertEquals(403, server.call("GET", "/v1/auth/token/lookup-self", token, null).status());
    String metrics = server.get("/v1/sys/metrics?format=prometheus").body();
    assertTrue(metrics.contains("keyward_pki_certificates_revoked 1.0"), metrics);
    assertTrue(metrics.contains("keyward_pki_certificates_stored "), metrics);
    // Every other cell keeps working.
    assertEquals(200, login(sibling, new JsonObject()).status());
    assertEquals(
        200, server.call("GET", "/v1/auth/token/lookup-self", siblingToken, null).status());
  }

  /**
   * CVE-2022-41316: Vault loaded its CRL only after the first request following a restart, so a
   * revoked certificate could log in once. Here revocation is read from storage at each login.
   */
  @Test
  void cve202241316_revokedLeaf_refusedAtFirstLoginAfterRestart() throws Exception {
    JsonObject issued = issue("cells", CELL_CN);
    assertEquals(
        200,
        server
            .post(
                "/v1/pki/revoke",
                new JsonObject().put("serial_number", issued.getString("serial_number")))
            .status());

    server.restart();

    VaultTestServer.Response refused = login(clientFor(issued), new JsonObject());
    assertEquals(400, refused.status(), refused.body());
    assertEquals(
        List.of("client certificate has been revoked"),
        refused.json().getJsonArray("errors").getList());
  }

  @Test
  void opensslOcsp_againstDevServer_goodThenRevokedSignedInSoftHsm() throws Exception {
    JsonObject issued = issue("cells", CELL_CN);
    OpenSsl openssl = new OpenSsl(dir);
    String url = server.address() + "/v1/pki/ocsp";

    OpenSsl.Result good = openssl.ocsp(rootPem, issued.getString("certificate"), url);
    assertTrue(good.output().contains("Response verify OK"), good.output());
    assertTrue(good.output().contains(": good"), good.output());

    server.post(
        "/v1/pki/revoke", new JsonObject().put("serial_number", issued.getString("serial_number")));
    OpenSsl.Result revoked = openssl.ocsp(rootPem, issued.getString("certificate"), url);
    assertTrue(revoked.output().contains(": revoked"), revoked.output());
  }

  @Test
  void login_leafListedInUploadedCrl_400() throws Exception {
    TestCerts.Issued outsideCa = TestCerts.rootCa("Partner Cells CA");
    TestCerts.Issued partner = TestCerts.clientLeaf("partner-1.cells.keyward.internal", outsideCa);
    assertEquals(
        204,
        server
            .post(
                "/v1/auth/cert/certs/partner",
                new JsonObject()
                    .put("certificate", TestCerts.pem(outsideCa.cert()))
                    .put("token_policies", "cell-reader"))
            .status());
    HttpClient client = server.clientWithCertificate(partner.keys().getPrivate(), partner.chain());
    assertEquals(200, login(client, new JsonObject()).status());

    VaultTestServer.Response upload =
        server.post(
            "/v1/auth/cert/crls/partner",
            new JsonObject().put("crl", crlPem(outsideCa, partner.cert().getSerialNumber())));

    assertEquals(204, upload.status(), upload.body());
    VaultTestServer.Response refused = login(client, new JsonObject());
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("revoked"), refused.body());
    JsonObject serials = server.get("/v1/auth/cert/crls/partner").data().getJsonObject("serials");
    assertTrue(serials.containsKey(partner.cert().getSerialNumber().toString()), serials.encode());
    assertEquals(
        400,
        server.post("/v1/auth/cert/crls/bad", new JsonObject().put("crl", "not a crl")).status());
  }

  @Test
  void login_ocspThroughOurResponder_goodThenUnreachableFailsClosedOrOpen() throws Exception {
    HttpClient cell = clientFor(issue("cells", CELL_CN));
    try (OcspRelay relay = new OcspRelay(server)) {
      ocspRole(relay.url(), false);
      assertEquals(200, login(cell, new JsonObject().put("name", "ocsp")).status());
    }
    String closed = closedPortUrl();

    ocspRole(closed, false);
    VaultTestServer.Response refused = login(cell, new JsonObject().put("name", "ocsp"));
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("could not be checked"), refused.body());

    ocspRole(closed, true);
    try (LogCapture logs = LogCapture.install()) {
      assertEquals(200, login(cell, new JsonObject().put("name", "ocsp")).status());
      assertTrue(
          logs.records().stream()
              .anyMatch(r -> r.contains("ocsp_fail_open lets the login through")),
          logs.records().toString());
    }
  }

  private void ocspRole(String url, boolean failOpen) {
    VaultTestServer.Response role =
        server.post(
            "/v1/auth/cert/certs/ocsp",
            new JsonObject()
                .put("certificate", rootPem)
                .put("token_policies", "cell-reader")
                .put("ocsp_enabled", true)
                .put("ocsp_servers_override", new JsonArray().add(url))
                .put("ocsp_fail_open", failOpen));
    assertEquals(204, role.status(), role.body());
  }

  private static String closedPortUrl() throws java.io.IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + "/v1/pki/ocsp";
  }

  /** A CRL of {@code ca} listing {@code serial}, in PEM. */
  private static String crlPem(TestCerts.Issued ca, java.math.BigInteger serial) throws Exception {
    java.util.Date now = new java.util.Date();
    org.bouncycastle.cert.X509v2CRLBuilder builder =
        new org.bouncycastle.cert.X509v2CRLBuilder(
            org.bouncycastle.asn1.x500.X500Name.getInstance(
                ca.cert().getSubjectX500Principal().getEncoded()),
            now);
    builder.setNextUpdate(new java.util.Date(now.getTime() + 3_600_000));
    builder.addCRLEntry(serial, now, org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
    byte[] der =
        builder
            .build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(ca.keys().getPrivate()))
            .getEncoded();
    return "-----BEGIN X509 CRL-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END X509 CRL-----\n";
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
