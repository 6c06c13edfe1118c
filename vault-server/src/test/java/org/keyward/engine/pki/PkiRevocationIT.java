package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;

/** Revocation, the CRL in DER and PEM, CRL numbers, tidy and the public CA paths. */
@ExtendWith(VertxExtension.class)
class PkiRevocationIT {
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
  void revoke_bySerial_listsCertificateInSignedCrl() throws Exception {
    String revokedSerial = issue("cell-1.cells.keyward.internal");
    String keptSerial = issue("cell-2.cells.keyward.internal");
    long numberBefore = crlNumber(crlDer());

    JsonObject revoked =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/revoke",
                new JsonObject().put("serial_number", revokedSerial)));
    assertEquals("revoked", revoked.getString("state"));
    assertTrue(revoked.getLong("revocation_time") > 0);

    X509CRL crl = crlDer();
    assertTrue(crlNumber(crl) > numberBefore, "CRL number did not increase");
    assertTrue(crl.getRevokedCertificate(serial(revokedSerial)) != null);
    assertTrue(crl.getRevokedCertificate(serial(keptSerial)) == null);
    HttpResponse<Buffer> pem = server.send(HttpMethod.GET, "pki/crl/pem", null, null);
    assertEquals("application/x-pem-file", pem.getHeader("Content-Type"));
    OpenSsl.Result result = new OpenSsl(dir).verifyCrl(rootPem, pem.bodyAsString());
    assertTrue(result.ok() && result.output().contains("verify OK"), result.output());
    assertTrue(
        result.output().toUpperCase().contains(revokedSerial.replace(":", "").toUpperCase()),
        result.output());
    JsonObject stored =
        PkiFixture.data(server.send(HttpMethod.GET, "pki/cert/" + revokedSerial, null, null));
    assertEquals(revoked.getLong("revocation_time"), stored.getLong("revocation_time"));
  }

  @Test
  void revoke_byCertificateWithHyphenSerialTwice_keepsFirstTime() {
    JsonObject issued = issueData("cell-5.cells.keyward.internal");
    JsonObject first =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/revoke",
                new JsonObject().put("certificate", issued.getString("certificate"))));
    JsonObject second =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/revoke",
                new JsonObject()
                    .put("serial_number", issued.getString("serial_number").replace(':', '-'))));
    assertEquals(first.getLong("revocation_time"), second.getLong("revocation_time"));
  }

  @Test
  void revoke_concurrently_listsEveryCertificateWithDistinctIncreasingNumbers() throws Exception {
    List<String> serials = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      serials.add(issue("c" + i + ".cells.keyward.internal"));
    }
    long before = crlNumber(crlDer());
    List<java.util.concurrent.CompletableFuture<Integer>> revokes = new ArrayList<>();
    // One thread per request, so the CRL rebuilds really race (the common pool may have one).
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(serials.size());
    for (String serial : serials) {
      revokes.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  server
                      .root(
                          HttpMethod.POST,
                          "pki/revoke",
                          new JsonObject().put("serial_number", serial))
                      .statusCode(),
              clients));
    }
    for (var revoke : revokes) {
      assertEquals(200, revoke.get(20, java.util.concurrent.TimeUnit.SECONDS));
    }
    clients.shutdown();
    X509CRL crl = crlDer();
    for (String serial : serials) {
      assertTrue(crl.getRevokedCertificate(serial(serial)) != null, serial + " missing");
    }
    assertEquals(before + serials.size(), crlNumber(crl));
  }

  @Test
  void revoke_unknownSerial_returns400() {
    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.POST, "pki/revoke", new JsonObject().put("serial_number", "01:02:03"));
    assertEquals(400, response.statusCode());
    assertEquals(
        "certificate with serial 01:02:03 not found",
        response.bodyAsJsonObject().getJsonArray("errors").getString(0));
  }

  @Test
  void crlRotate_increasesNumberEachTime() throws Exception {
    long first = crlNumber(crlDer());
    PkiFixture.data(server.root(HttpMethod.GET, "pki/crl/rotate", null));
    long second = crlNumber(crlDer());
    PkiFixture.data(server.root(HttpMethod.GET, "pki/crl/rotate", null));
    long third = crlNumber(crlDer());
    assertTrue(first < second && second < third, first + " " + second + " " + third);
  }

  @Test
  void crl_readNearItsNextUpdate_isRebuiltWithNextNumber(Vertx vertx) throws Exception {
    TestClock clock = new TestClock();
    server.close();
    pki = PkiFixture.create(vertx, clock);
    server = pki.serve(vertx);
    rootPem = PkiFixture.generateRoot(server);
    long first = crlNumber(crlDer());
    clock.advanceSeconds(3600);
    assertEquals(first, crlNumber(crlDer()), "a fresh CRL was rebuilt");

    clock.advanceSeconds(60 * 3600);

    X509CRL refreshed = crlDer();
    assertEquals(first + 1, crlNumber(refreshed));
    assertTrue(
        refreshed.getNextUpdate().toInstant().isAfter(clock.instant().plusSeconds(71 * 3600)));
  }

  @Test
  void caPaths_withoutToken_answerPemDerAndChain() {
    HttpResponse<Buffer> pem = server.send(HttpMethod.GET, "pki/ca/pem", null, null);
    assertEquals(200, pem.statusCode());
    assertEquals("application/pem-certificate-chain", pem.getHeader("Content-Type"));
    assertEquals(rootPem + "\n", pem.bodyAsString());
    HttpResponse<Buffer> der = server.send(HttpMethod.GET, "pki/ca", null, null);
    assertEquals("application/pkix-cert", der.getHeader("Content-Type"));
    assertEquals(PemCodec.certificate(rootPem), PemCodec.certificate(der.body().getBytes()));
    assertEquals(
        rootPem + "\n", server.send(HttpMethod.GET, "pki/ca_chain", null, null).bodyAsString());
    assertEquals(
        rootPem,
        PkiFixture.data(server.send(HttpMethod.GET, "pki/cert/ca", null, null))
            .getString("certificate"));
    assertEquals(
        403, server.send(HttpMethod.valueOf("LIST"), "pki/certs", null, null).statusCode());
  }

  @Test
  void caPaths_onMountWithoutIssuer_return404() {
    assertEquals(404, server.send(HttpMethod.GET, "pki_int/ca/pem", null, null).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, "pki_int/crl", null, null).statusCode());
  }

  @Test
  void tidy_withNothingExpired_keepsEveryCertificate() {
    String serial = issue("cell-7.cells.keyward.internal");
    HttpResponse<Buffer> response =
        server.root(HttpMethod.POST, "pki/tidy", new JsonObject().put("tidy_cert_store", true));
    assertEquals(202, response.statusCode());
    assertEquals(200, server.send(HttpMethod.GET, "pki/cert/" + serial, null, null).statusCode());
  }

  @Test
  void tidy_afterExpiryAndBuffer_removesExpiredRevokedCertificate(Vertx vertx) throws Exception {
    TestClock clock = new TestClock();
    server.close();
    pki = PkiFixture.create(vertx, clock);
    server = pki.serve(vertx);
    rootPem = PkiFixture.generateRoot(server);
    Futures.await(pki.rootEngine().ensureDefaultRoles());
    String expired =
        PkiFixture.data(
                server.root(
                    HttpMethod.POST,
                    "pki/issue/cell-server",
                    new JsonObject()
                        .put("common_name", "old.cells.keyward.internal")
                        .put("ttl", "1h")))
            .getString("serial_number");
    String fresh = issue("new.cells.keyward.internal");
    PkiFixture.data(
        server.root(HttpMethod.POST, "pki/revoke", new JsonObject().put("serial_number", expired)));
    clock.advanceSeconds(2 * 3600);

    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.POST,
            "pki/tidy",
            new JsonObject().put("tidy_revoked_certs", true).put("safety_buffer", "1s"));

    assertEquals(202, response.statusCode(), response.bodyAsString());
    assertEquals(404, server.send(HttpMethod.GET, "pki/cert/" + expired, null, null).statusCode());
    assertEquals(200, server.send(HttpMethod.GET, "pki/cert/" + fresh, null, null).statusCode());
    assertEquals(null, crlDer().getRevokedCertificates(), "expired entry still on the CRL");
  }

  private String issue(String commonName) {
    return issueData(commonName).getString("serial_number");
  }

  private JsonObject issueData(String commonName) {
    return PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/issue/cell-server",
            new JsonObject().put("common_name", commonName)));
  }

  private X509CRL crlDer() throws Exception {
    HttpResponse<Buffer> response = server.send(HttpMethod.GET, "pki/crl", null, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("application/pkix-crl", response.getHeader("Content-Type"));
    X509CRL crl =
        (X509CRL)
            CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(response.body().getBytes()));
    crl.verify(PemCodec.certificate(rootPem).getPublicKey());
    return crl;
  }

  private static long crlNumber(X509CRL crl) {
    byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets())
        .getValue()
        .longValueExact();
  }

  private static BigInteger serial(String colon) {
    return new BigInteger(colon.replace(":", ""), 16);
  }
}
