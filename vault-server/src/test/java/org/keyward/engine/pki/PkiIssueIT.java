package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;

/** Root generation, roles, issue and sign over the real pipeline, checked with openssl. */
@ExtendWith(VertxExtension.class)
class PkiIssueIT {
  private PkiFixture pki;
  private PipelineHarness server;
  private String rootPem;
  @TempDir Path dir;

  @BeforeEach
  void start(Vertx vertx) {
    pki = PkiFixture.create(vertx, Clock.systemUTC());
    server = pki.serve(vertx);
    rootPem = PkiFixture.generateRoot(server);
    Futures.await(pki.rootEngine().ensureDefaultRoles());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void rootGenerate_internal_makesStrictSelfSignedCa() {
    OpenSsl.Result result = new OpenSsl(dir).verify(rootPem, null, rootPem, "any");
    assertTrue(result.ok(), result.output());
    X509Certificate root = PemCodec.certificate(rootPem);
    assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
    assertTrue(root.getCriticalExtensionOIDs().contains("2.5.29.19"));
    assertEquals("SHA256withECDSA", root.getSigAlgName());
  }

  @Test
  void rootGenerate_whenIssuerExists_returns400AndKeepsIt() {
    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.POST,
            "pki/root/generate/internal",
            new JsonObject().put("common_name", "Other"));
    assertEquals(400, response.statusCode());
    assertEquals(
        List.of("this mount already has an issuer"),
        response.bodyAsJsonObject().getJsonArray("errors").getList());
    assertEquals(
        rootPem + "\n", server.send(HttpMethod.GET, "pki/ca/pem", null, null).bodyAsString());
  }

  @Test
  void rootGenerate_exported_isRefused() {
    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.POST,
            "pki_int/root/generate/exported",
            new JsonObject().put("common_name", "X"));
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsString().contains("exported CA keys are refused"));
    assertEquals(List.of(), pki.intStorage().keys());
  }

  @Test
  void issue_forEachReadyRole_verifiesAsServerAndClient() {
    OpenSsl openssl = new OpenSsl(dir);
    for (String role : List.of("core-server", "cell-server")) {
      String domain = DefaultRoles.DOMAINS.get(role);
      JsonObject data =
          PkiFixture.data(
              server.root(
                  HttpMethod.POST,
                  "pki/issue/" + role,
                  new JsonObject()
                      .put("common_name", "node-1." + domain)
                      .put("alt_names", "localhost")
                      .put("ip_sans", "127.0.0.1")));
      String leaf = data.getString("certificate");
      for (String purpose : List.of("sslserver", "sslclient")) {
        OpenSsl.Result result = openssl.verify(rootPem, null, leaf, purpose);
        assertTrue(result.ok(), role + " " + purpose + ": " + result.output());
      }
      assertTrue(data.getString("private_key").startsWith("-----BEGIN EC PRIVATE KEY-----"));
      assertEquals("ec", data.getString("private_key_type"));
      assertEquals(rootPem, data.getString("issuing_ca"));
      assertEquals(new JsonArray().add(rootPem), data.getJsonArray("ca_chain"));
      X509Certificate certificate = PemCodec.certificate(leaf);
      assertEquals(
          SerialNumbers.colon(certificate.getSerialNumber()), data.getString("serial_number"));
      assertEquals(
          certificate.getNotAfter().toInstant().getEpochSecond(), data.getLong("expiration"));
    }
  }

  @Test
  void issue_rsa3072CaAndRsaLeaf_verifiesAsServerAndClient() {
    assertOtherProfileVerifies("rsa", 0, "rsa", 3072, "SHA256withRSA", "RSA PRIVATE KEY");
  }

  @Test
  void issue_p384CaAndP384Leaf_verifiesAsServerAndClient() {
    assertOtherProfileVerifies("ec", 384, "ec", 384, "SHA384withECDSA", "EC PRIVATE KEY");
  }

  /** A root of one key type in pki_int, a role with another, one leaf checked by openssl. */
  private void assertOtherProfileVerifies(
      String caType, int caBits, String leafType, int leafBits, String sigAlg, String keyPem) {
    String caPem =
        PkiFixture.data(
                server.root(
                    HttpMethod.POST,
                    "pki_int/root/generate/internal",
                    new JsonObject()
                        .put("common_name", "Other Root")
                        .put("key_type", caType)
                        .put("key_bits", caBits)))
            .getString("certificate");
    assertEquals(sigAlg, PemCodec.certificate(caPem).getSigAlgName());
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki_int/roles/node",
            new JsonObject()
                .put("allowed_domains", "nodes.example")
                .put("allow_subdomains", true)
                .put("key_type", leafType)
                .put("key_bits", leafBits)));
    JsonObject data =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki_int/issue/node",
                new JsonObject().put("common_name", "n.nodes.example")));
    assertTrue(data.getString("private_key").startsWith("-----BEGIN " + keyPem + "-----"));
    OpenSsl openssl = new OpenSsl(dir);
    for (String purpose : List.of("sslserver", "sslclient")) {
      OpenSsl.Result result = openssl.verify(caPem, null, data.getString("certificate"), purpose);
      assertTrue(result.ok(), purpose + ": " + result.output());
    }
  }

  @Test
  void issue_storesCertificateButNeverPrivateKey() {
    JsonObject data =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/issue/cell-server",
                new JsonObject().put("common_name", "cell-9.cells.keyward.internal")));
    String serial = data.getString("serial_number");
    JsonObject stored =
        PkiFixture.data(server.send(HttpMethod.GET, "pki/cert/" + serial, null, null));
    assertEquals(data.getString("certificate"), stored.getString("certificate"));
    assertEquals(0L, stored.getLong("revocation_time"));
    String keyBody = data.getString("private_key").split("\n")[1];
    for (String key : pki.rootStorage().keys()) {
      String row =
          new String(
              Futures.await(pki.rootStorage().get(key)).orElseThrow(), StandardCharsets.UTF_8);
      assertFalse(row.contains(keyBody), "private key material stored under " + key);
      assertFalse(row.contains("PRIVATE KEY"), "private key stored under " + key);
    }
    JsonArray keys =
        PkiFixture.data(
                server.send(
                    HttpMethod.valueOf("LIST"), "pki/certs", PipelineHarness.ROOT_TOKEN, null))
            .getJsonArray("keys");
    assertTrue(keys.contains(serial));
  }

  @Test
  void issue_withDerAndPkcs8_answersBase64Der() throws Exception {
    JsonObject data =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/issue/core-server",
                new JsonObject()
                    .put("common_name", "api.core.keyward.internal")
                    .put("format", "der")
                    .put("private_key_format", "pkcs8")));
    X509Certificate certificate =
        PemCodec.certificate(Base64.getDecoder().decode(data.getString("certificate")));
    byte[] key = Base64.getDecoder().decode(data.getString("private_key"));
    java.security.PrivateKey privateKey =
        java.security.KeyFactory.getInstance("EC")
            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key));
    java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertTrue(verifier.verify(signature), "private key does not match the certificate");
  }

  @Test
  void sign_withValidCsr_certifiesTheCsrKey() throws Exception {
    java.security.KeyPair key = TestCsrs.ecKey();
    JsonObject data =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/sign/cell-server",
                new JsonObject()
                    .put(
                        "csr",
                        TestCsrs.csr(
                            key, "cell-3.cells.keyward.internal", "cell-3b.cells.keyward.internal"))
                    .put("ttl", "24h")));
    X509Certificate certificate = PemCodec.certificate(data.getString("certificate"));
    assertEquals(key.getPublic(), certificate.getPublicKey());
    assertFalse(data.containsKey("private_key"));
    OpenSsl.Result result =
        new OpenSsl(dir).verify(rootPem, null, data.getString("certificate"), "sslserver");
    assertTrue(result.ok(), result.output());
    String text = certificate.getSubjectX500Principal().getName();
    assertEquals("CN=cell-3.cells.keyward.internal", text);
    assertNotNull(certificate.getSubjectAlternativeNames());
    assertEquals(2, certificate.getSubjectAlternativeNames().size());
    long lifetime =
        certificate.getNotAfter().toInstant().getEpochSecond()
            - certificate.getNotBefore().toInstant().getEpochSecond();
    assertEquals(24 * 3600 + 30, lifetime, 5);
  }

  @Test
  void sign_roleWithoutKeyType_acceptsEveryStrongKeyAndIssueStillMakesP256() {
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/roles/vaultlike",
            new JsonObject().put("allow_any_name", true).put("ttl", "1h")));
    for (java.security.KeyPair key :
        List.of(
            TestCsrs.rsaKey(2048),
            TestCsrs.ecKey(),
            PkiWorker.generate(CaKeyType.EC_P384),
            TestCsrs.ed25519Key())) {
      JsonObject data =
          PkiFixture.data(
              server.root(
                  HttpMethod.POST,
                  "pki/sign/vaultlike",
                  new JsonObject().put("csr", TestCsrs.csr(key, "svc.example.org"))));
      X509Certificate certificate = PemCodec.certificate(data.getString("certificate"));
      assertEquals(key.getPublic(), certificate.getPublicKey(), key.getPublic().getAlgorithm());
      OpenSsl.Result result =
          new OpenSsl(dir).verify(rootPem, null, data.getString("certificate"), "sslclient");
      assertTrue(result.ok(), result.output());
    }
    HttpResponse<Buffer> weak =
        server.root(
            HttpMethod.POST,
            "pki/sign/vaultlike",
            new JsonObject().put("csr", TestCsrs.csr(TestCsrs.rsaKey(1024), "svc.example.org")));
    assertEquals(400, weak.statusCode());
    assertTrue(weak.bodyAsString().contains("RSA keys below 2048 bits"), weak.bodyAsString());
    JsonObject issued =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/issue/vaultlike",
                new JsonObject().put("common_name", "a.example")));
    assertEquals("ec", issued.getString("private_key_type"));
    assertEquals(
        "EC", PemCodec.certificate(issued.getString("certificate")).getPublicKey().getAlgorithm());
  }

  @Test
  void sign_roleWithExplicitEcKeyType_refusesRsa2048() {
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/roles/econly",
            new JsonObject().put("allow_any_name", true).put("key_type", "ec")));

    HttpResponse<Buffer> refused =
        server.root(
            HttpMethod.POST,
            "pki/sign/econly",
            new JsonObject().put("csr", TestCsrs.csr(TestCsrs.rsaKey(2048), "svc.example.org")));

    assertEquals(400, refused.statusCode());
    assertTrue(refused.bodyAsString().contains("EC P-256"), refused.bodyAsString());
  }

  @Test
  void issue_excludeCnFromSans_leavesOnlyAltNames() throws Exception {
    JsonObject data =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/issue/cell-server",
                new JsonObject()
                    .put("common_name", "cell-6.cells.keyward.internal")
                    .put("alt_names", "cell-6b.cells.keyward.internal")
                    .put("exclude_cn_from_sans", true)));
    X509Certificate certificate = PemCodec.certificate(data.getString("certificate"));
    assertEquals(
        List.of(List.of(2, "cell-6b.cells.keyward.internal")),
        List.copyOf(certificate.getSubjectAlternativeNames()));
  }

  @Test
  void roles_writeReadListDelete_roundTrip() {
    JsonObject written =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/roles/web",
                new JsonObject()
                    .put("allowed_domains", new JsonArray().add("example.org"))
                    .put("allow_subdomains", true)
                    .put("max_ttl", "48h")
                    .put("ttl", "1h")
                    .put("client_flag", false)));
    JsonObject read = PkiFixture.data(server.root(HttpMethod.GET, "pki/roles/web", null));
    assertEquals(written, read);
    assertEquals(3600L, read.getLong("ttl"));
    assertEquals(48 * 3600L, read.getLong("max_ttl"));
    // No key_type given: the role takes any strong key on sign (issue still makes EC P-256).
    assertEquals("any", read.getString("key_type"));
    assertEquals(0, read.getInteger("key_bits"));
    JsonArray keys =
        PkiFixture.data(
                server.send(
                    HttpMethod.valueOf("LIST"), "pki/roles", PipelineHarness.ROOT_TOKEN, null))
            .getJsonArray("keys");
    assertEquals(new JsonArray().add("cell-server").add("core-server").add("web"), keys);
    assertEquals(
        204,
        server
            .send(HttpMethod.DELETE, "pki/roles/web", PipelineHarness.ROOT_TOKEN, null)
            .statusCode());
    assertEquals(404, server.root(HttpMethod.GET, "pki/roles/web", null).statusCode());
  }
}
