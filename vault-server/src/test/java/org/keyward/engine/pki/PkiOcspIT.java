package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.auth.TestCerts;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;

/**
 * The OCSP responder, {@code config/urls}, {@code config/crl} and {@code config/auto-tidy}, judged
 * by {@code openssl ocsp} and {@code openssl x509} where a relying party would use them.
 */
@ExtendWith(VertxExtension.class)
class PkiOcspIT {
  private PkiFixture pki;
  private PipelineHarness server;
  private String rootPem;
  private String ocspUrl;
  @TempDir Path dir;

  @BeforeEach
  void start(Vertx vertx) {
    startWith(vertx, Clock.systemUTC());
  }

  private void startWith(Vertx vertx, Clock clock) {
    pki = PkiFixture.create(vertx, clock);
    server = pki.serve(vertx);
    rootPem = PkiFixture.generateRoot(server);
    Futures.await(pki.rootEngine().ensureDefaultRoles());
    String base = "http://127.0.0.1:" + server.port() + "/v1/pki/";
    ocspUrl = base + "ocsp";
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/config/urls",
            new JsonObject()
                .put("issuing_certificates", new JsonArray().add(base + "ca"))
                .put("crl_distribution_points", new JsonArray().add(base + "crl"))
                .put("ocsp_servers", new JsonArray().add(ocspUrl))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void configUrls_areWrittenIntoIssuedCertificates() {
    JsonObject urls = PkiFixture.data(server.root(HttpMethod.GET, "pki/config/urls", null));
    assertEquals(ocspUrl, urls.getJsonArray("ocsp_servers").getString(0));

    OpenSsl.Result text =
        new OpenSsl(dir).certificateText(issue("cell-1").getString("certificate"));

    assertTrue(text.ok(), text.output());
    assertTrue(text.output().startsWith(ocspUrl), text.output());
    assertTrue(text.output().contains("CA Issuers - URI:" + ocspUrl.replace("ocsp", "ca")));
    assertTrue(text.output().contains("X509v3 CRL Distribution Points"), text.output());
    assertTrue(text.output().contains("URI:" + ocspUrl.replace("ocsp", "crl")), text.output());
  }

  @Test
  void configUrls_notAUrl_400AndNothingChanged() {
    HttpResponse<Buffer> bad =
        server.root(
            HttpMethod.POST,
            "pki/config/urls",
            new JsonObject().put("ocsp_servers", new JsonArray().add("nope")));

    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsString().contains("ocsp_servers"), bad.bodyAsString());
    assertEquals(
        ocspUrl,
        PkiFixture.data(server.root(HttpMethod.GET, "pki/config/urls", null))
            .getJsonArray("ocsp_servers")
            .getString(0));
  }

  @Test
  void opensslOcsp_saysGoodThenRevokedAfterRevoke() throws Exception {
    JsonObject cell = issue("cell-17");
    OpenSsl openssl = new OpenSsl(dir);

    OpenSsl.Result good = openssl.ocsp(rootPem, cell.getString("certificate"), ocspUrl);
    assertTrue(good.ok(), good.output());
    assertTrue(good.output().contains("Response verify OK"), good.output());
    assertTrue(good.output().contains(": good"), good.output());

    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/revoke",
            new JsonObject().put("serial_number", cell.getString("serial_number"))));

    // No wait: the revocation is answered as soon as revoke has answered.
    OpenSsl.Result revoked = openssl.ocsp(rootPem, cell.getString("certificate"), ocspUrl);
    assertTrue(revoked.output().contains("Response verify OK"), revoked.output());
    assertTrue(revoked.output().contains(": revoked"), revoked.output());
    assertTrue(revoked.output().contains("Revocation Time"), revoked.output());
    X509CRL crl = crl();
    assertNotNull(crl.getRevokedCertificate(serial(cell)));
  }

  @Test
  void opensslOcsp_certificateOfAnotherCa_saysUnknown() {
    TestCerts.Issued otherRoot = TestCerts.rootCa("Keyward Test Root CA");
    TestCerts.Issued stranger = TestCerts.clientLeaf("cell-17.cells.keyward.internal", otherRoot);

    OpenSsl.Result result =
        new OpenSsl(dir)
            .ocsp(TestCerts.pem(otherRoot.cert()), TestCerts.pem(stranger.cert()), ocspUrl);

    assertTrue(result.output().contains(": unknown"), result.output());
  }

  @Test
  void ocsp_garbagePostAndGet_answerMalformedRequest() {
    OpenSsl openssl = new OpenSsl(dir);
    HttpResponse<Buffer> post = server.send(HttpMethod.POST, "pki/ocsp", null, null);
    assertMalformed(openssl, post);
    HttpResponse<Buffer> garbage = postOcsp(new byte[] {0x30, 0x03, 0x02, 0x01});
    assertMalformed(openssl, garbage);
    assertMalformed(openssl, server.send(HttpMethod.GET, "pki/ocsp/not-base64!!", null, null));
    assertMalformed(
        openssl,
        server.send(
            HttpMethod.GET,
            "pki/ocsp/" + Base64.getEncoder().encodeToString("hello".getBytes()),
            null,
            null));
  }

  @Test
  void ocsp_getWithEncodedBase64AndNonce_answersSignedGoodWithSameNonce() throws Exception {
    JsonObject cell = issue("cell-3");
    X509Certificate root = PemCodec.certificate(rootPem);
    byte[] nonce = new byte[16];
    new java.security.SecureRandom().nextBytes(nonce);
    OCSPReq request = request(root, serial(cell), nonce);
    String encoded =
        URLEncoder.encode(
            Base64.getEncoder().encodeToString(request.getEncoded()), StandardCharsets.UTF_8);

    HttpResponse<Buffer> response = server.send(HttpMethod.GET, "pki/ocsp/" + encoded, null, null);

    assertEquals(200, response.statusCode());
    assertEquals("application/ocsp-response", response.getHeader("Content-Type"));
    OCSPResp resp = new OCSPResp(response.body().getBytes());
    assertEquals(OCSPResp.SUCCESSFUL, resp.getStatus());
    BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
    assertTrue(
        basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(root.getPublicKey())));
    assertNull(basic.getResponses()[0].getCertStatus(), "not good");
    assertNotNull(basic.getResponses()[0].getNextUpdate());
    assertArrayEquals(
        new DEROctetString(nonce).getEncoded(),
        basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());
  }

  @Test
  void configCrl_disableAndExpiry_shapeTheCrlWhileOcspStillSaysRevoked() throws Exception {
    JsonObject cell = issue("cell-9");
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/revoke",
            new JsonObject().put("serial_number", cell.getString("serial_number"))));
    assertNotNull(crl().getRevokedCertificate(serial(cell)));

    JsonObject settings =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/config/crl",
                new JsonObject().put("disable", true).put("expiry", "2h").put("ocsp_expiry", "0")));

    assertEquals(true, settings.getBoolean("disable"));
    X509CRL crl = crl();
    assertNull(crl.getRevokedCertificates(), "a disabled CRL lists nothing");
    assertEquals(
        Duration.ofHours(2).toMillis(),
        crl.getNextUpdate().getTime() - crl.getThisUpdate().getTime());
    BasicOCSPResp basic = ocsp(cell);
    assertTrue(basic.getResponses()[0].getCertStatus() instanceof RevokedStatus);
    assertNull(basic.getResponses()[0].getNextUpdate(), "ocsp_expiry 0 means no nextUpdate");
    assertEquals(
        400,
        server
            .root(HttpMethod.POST, "pki/config/crl", new JsonObject().put("expiry", "1s"))
            .statusCode());
    assertEquals(
        true,
        PkiFixture.data(server.root(HttpMethod.GET, "pki/config/crl", null)).getBoolean("disable"));
  }

  @Test
  void autoTidyAndAutoRebuild_runOnTheScheduledCheck(Vertx vertx) throws Exception {
    server.close();
    TestClock clock = new TestClock();
    startWith(vertx, clock);
    JsonObject shortLived =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/issue/cell-server",
                new JsonObject()
                    .put("common_name", "old.cells.keyward.internal")
                    .put("ttl", "1h")));
    JsonObject kept = issue("new");
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/revoke",
            new JsonObject().put("serial_number", shortLived.getString("serial_number"))));
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/config/auto-tidy",
            new JsonObject()
                .put("enabled", true)
                .put("interval_duration", "1h")
                .put("tidy_revoked_certs", true)
                .put("safety_buffer", "1m")));
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/config/crl",
            new JsonObject().put("auto_rebuild", true).put("auto_rebuild_grace_period", "1h")));
    long numberBefore = crlNumber(crl());

    clock.advanceSeconds(2 * 3600);
    Futures.await(pki.rootEngine().runScheduledChecks());

    assertEquals(
        404,
        server
            .send(HttpMethod.GET, "pki/cert/" + shortLived.getString("serial_number"), null, null)
            .statusCode());
    assertEquals(
        200,
        server
            .send(HttpMethod.GET, "pki/cert/" + kept.getString("serial_number"), null, null)
            .statusCode());
    X509CRL crl = crl();
    assertNull(crl.getRevokedCertificates(), "tidied entry still on the CRL");
    JsonObject status = PkiFixture.data(server.root(HttpMethod.GET, "pki/tidy-status", null));
    assertEquals(1, status.getLong("revoked_cert_deleted_count"));
    assertEquals(0, status.getLong("current_revoked_cert_count"));
    long afterTidy = crlNumber(crl);
    assertTrue(afterTidy > numberBefore);

    // Into the grace period of the 72 h CRL: the check rebuilds it without any reader.
    clock.advanceSeconds(71 * 3600 + 1800);
    Futures.await(pki.rootEngine().runScheduledChecks());
    assertTrue(crlNumber(storedCrl()) > afterTidy, "auto_rebuild did not rebuild");
  }

  private void assertMalformed(OpenSsl openssl, HttpResponse<Buffer> response) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("application/ocsp-response", response.getHeader("Content-Type"));
    OpenSsl.Result text = openssl.ocspResponseText(response.body().getBytes());
    assertTrue(text.output().toLowerCase().contains("malformedrequest"), text.output());
  }

  private HttpResponse<Buffer> postOcsp(byte[] der) {
    return Futures.await(
        server
            .request(HttpMethod.POST, "pki/ocsp")
            .putHeader("Content-Type", "application/ocsp-request")
            .sendBuffer(Buffer.buffer(der)));
  }

  private BasicOCSPResp ocsp(JsonObject issued) throws Exception {
    OCSPReq request = request(PemCodec.certificate(rootPem), serial(issued), null);
    HttpResponse<Buffer> response = postOcsp(request.getEncoded());
    assertEquals(200, response.statusCode());
    return (BasicOCSPResp) new OCSPResp(response.body().getBytes()).getResponseObject();
  }

  private static OCSPReq request(X509Certificate issuer, BigInteger serial, byte[] nonce)
      throws Exception {
    OCSPReqBuilder builder =
        new OCSPReqBuilder()
            .addRequest(
                new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new X509CertificateHolder(issuer.getEncoded()),
                    serial));
    if (nonce != null) {
      builder.setRequestExtensions(
          new Extensions(
              new Extension(
                  OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                  false,
                  new DEROctetString(new DEROctetString(nonce)))));
    }
    return builder.build();
  }

  private JsonObject issue(String cell) {
    return PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki/issue/cell-server",
            new JsonObject().put("common_name", cell + ".cells.keyward.internal")));
  }

  private X509CRL crl() throws Exception {
    HttpResponse<Buffer> response = server.send(HttpMethod.GET, "pki/crl", null, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return parseCrl(response.body().getBytes());
  }

  /** The CRL as stored, without the rebuild a read may trigger. */
  private X509CRL storedCrl() throws Exception {
    return parseCrl(Futures.await(new PkiStore(pki.rootStorage()).crl()).der());
  }

  private X509CRL parseCrl(byte[] der) throws Exception {
    X509CRL crl =
        (X509CRL)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(der));
    crl.verify(PemCodec.certificate(rootPem).getPublicKey());
    return crl;
  }

  private static long crlNumber(X509CRL crl) {
    byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
    return org.bouncycastle.asn1.ASN1Integer.getInstance(
            org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets())
        .getValue()
        .longValueExact();
  }

  private static BigInteger serial(JsonObject issued) {
    return new BigInteger(issued.getString("serial_number").replace(":", ""), 16);
  }
}
