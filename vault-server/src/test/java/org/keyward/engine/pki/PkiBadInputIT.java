package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;

/**
 * Bad input to issue, sign and roles: each is a 400 naming the problem, nothing is stored and the
 * CA key signs nothing.
 */
@ExtendWith(VertxExtension.class)
class PkiBadInputIT {
  private PkiFixture pki;
  private PipelineHarness server;
  private List<String> rowsBefore;
  private int signaturesBefore;

  @BeforeEach
  void start(Vertx vertx) {
    pki = PkiFixture.create(vertx, Clock.systemUTC());
    server = pki.serve(vertx);
    PkiFixture.generateRoot(server);
    Futures.await(pki.rootEngine().ensureDefaultRoles());
    rowsBefore = pki.rootStorage().keys();
    signaturesBefore = pki.custody().signatures();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void issue_nameOutsideRole_returns400NamingIt() {
    assertRefused(
        issue(new JsonObject().put("common_name", "evil.example.com")),
        "common name evil.example.com not allowed by this role");
  }

  @Test
  void issue_altNameOutsideRole_returns400NamingIt() {
    assertRefused(
        issue(
            new JsonObject()
                .put("common_name", "ok.cells.keyward.internal")
                .put("alt_names", "x.core.keyward.internal")),
        "subject alternate name x.core.keyward.internal not allowed by this role");
  }

  @Test
  void issue_ttlPastMaxTtl_returns400() {
    assertRefused(
        issue(new JsonObject().put("common_name", "a.cells.keyward.internal").put("ttl", "721h")),
        "ttl of 2595600s is longer than the role's max_ttl of 2592000s");
  }

  @Test
  void issue_unknownRole_returns400() {
    assertRefused(
        server.root(HttpMethod.POST, "pki/issue/nope", new JsonObject().put("common_name", "a.b")),
        "unknown role: nope");
  }

  @Test
  void issue_ipSanOnRoleWithoutIps_returns400() {
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/roles/no-ips",
            new JsonObject()
                .put("allowed_domains", "example.org")
                .put("allow_subdomains", true)
                .put("allow_ip_sans", false)));
    rowsBefore = pki.rootStorage().keys();
    assertRefused(
        server.root(
            HttpMethod.POST,
            "pki/issue/no-ips",
            new JsonObject().put("common_name", "a.example.org").put("ip_sans", "10.0.0.1")),
        "IP Subject Alternative Names are not allowed in this role, but was provided 10.0.0.1");
  }

  @Test
  void issue_missingCommonName_returns400() {
    assertRefused(issue(new JsonObject()), "missing required field 'common_name'");
  }

  @Test
  void issue_uriSans_returns400InsteadOfDroppingThem() {
    assertRefused(
        issue(
            new JsonObject()
                .put("common_name", "a.cells.keyward.internal")
                .put("uri_sans", "spiffe://keyward/cell")),
        "field 'uri_sans' is not supported");
  }

  @Test
  void sign_malformedCsr_returns400() {
    assertRefused(
        sign("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"),
        "field 'csr' is not a valid PEM certificate request");
  }

  @Test
  void sign_csrSignedByAnotherKey_returns400() {
    assertRefused(
        sign(TestCsrs.badlySigned("a.cells.keyward.internal")), "the CSR's signature is invalid");
  }

  @Test
  void sign_csrWithFlippedSignatureByte_returns400() {
    HttpResponse<Buffer> response = sign(TestCsrs.tamperedSignature("a.cells.keyward.internal"));
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertUnchanged();
  }

  @Test
  void sign_weakRsaKey_returns400() {
    assertRefused(
        sign(TestCsrs.csr(TestCsrs.rsaKey(1024), "a.cells.keyward.internal")),
        "RSA keys below 2048 bits are refused");
  }

  @Test
  void sign_csrWithSanOutsideRole_returns400() {
    assertRefused(
        sign(TestCsrs.csr(TestCsrs.ecKey(), "a.cells.keyward.internal", "www.example.com")),
        "subject alternate name www.example.com not allowed by this role");
  }

  @Test
  void roleWrite_ttlAboveMaxTtl_returns400() {
    assertRefused(
        server.root(
            HttpMethod.POST,
            "pki/roles/bad",
            new JsonObject().put("ttl", "2h").put("max_ttl", "1h")),
        "ttl cannot be larger than max_ttl");
  }

  @Test
  void roleWrite_unsupportedKeyBits_returns400() {
    assertRefused(
        server.root(
            HttpMethod.POST,
            "pki/roles/bad",
            new JsonObject().put("key_type", "rsa").put("key_bits", 1024)),
        "unsupported key_bits 1024 for key_type rsa");
  }

  private HttpResponse<Buffer> issue(JsonObject body) {
    return server.root(HttpMethod.POST, "pki/issue/cell-server", body);
  }

  private HttpResponse<Buffer> sign(String csr) {
    return server.root(HttpMethod.POST, "pki/sign/cell-server", new JsonObject().put("csr", csr));
  }

  private void assertRefused(HttpResponse<Buffer> response, String message) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
    assertEquals(List.of(message), errors.getList());
    assertFalse(response.bodyAsString().contains("Exception"));
    assertUnchanged();
  }

  private void assertUnchanged() {
    assertEquals(rowsBefore, pki.rootStorage().keys(), "something was stored");
    assertEquals(signaturesBefore, pki.custody().signatures(), "the CA key signed something");
  }
}
