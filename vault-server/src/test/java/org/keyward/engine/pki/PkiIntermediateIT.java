package org.keyward.engine.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.testing.Futures;
import org.keyward.testing.PipelineHarness;

/**
 * The two-mount CA: a root in {@code pki/} signs the intermediate generated in {@code pki_int/},
 * which then issues leaves that verify against the root with the intermediate as untrusted.
 */
@ExtendWith(VertxExtension.class)
class PkiIntermediateIT {
  private PkiFixture pki;
  private PipelineHarness server;
  private String rootPem;
  @TempDir Path dir;

  @BeforeEach
  void start(Vertx vertx) {
    pki = PkiFixture.create(vertx, Clock.systemUTC());
    server = pki.serve(vertx);
    rootPem = PkiFixture.generateRoot(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void intermediateFlow_issuesLeavesThatVerifyThroughTheChain() {
    String intermediatePem = setUpIntermediate();
    Futures.await(pki.intEngine().ensureDefaultRoles());
    OpenSsl openssl = new OpenSsl(dir);
    assertTrue(openssl.verify(rootPem, null, intermediatePem, "any").ok());
    for (String role : List.of("core-server", "cell-server")) {
      JsonObject leaf =
          PkiFixture.data(
              server.root(
                  HttpMethod.POST,
                  "pki_int/issue/" + role,
                  new JsonObject()
                      .put("common_name", "n1." + DefaultRoles.DOMAINS.get(role))
                      .put("ip_sans", "127.0.0.1")));
      assertEquals(intermediatePem, leaf.getString("issuing_ca"));
      assertEquals(List.of(intermediatePem, rootPem), leaf.getJsonArray("ca_chain").getList());
      for (String purpose : List.of("sslserver", "sslclient")) {
        OpenSsl.Result result =
            openssl.verify(rootPem, intermediatePem, leaf.getString("certificate"), purpose);
        assertTrue(result.ok(), role + " " + purpose + ": " + result.output());
      }
    }
    OpenSsl.Result crl =
        openssl.verifyCrl(
            intermediatePem,
            server.send(HttpMethod.GET, "pki_int/crl/pem", null, null).bodyAsString());
    assertTrue(crl.ok(), crl.output());
    assertEquals(
        intermediatePem + "\n" + rootPem + "\n",
        server.send(HttpMethod.GET, "pki_int/ca_chain", null, null).bodyAsString());
  }

  @Test
  void signIntermediate_givesPathLengthZeroWhenAsked_andLeafNotAfterWithinIssuer() {
    String csr =
        PkiFixture.data(
                server.root(
                    HttpMethod.POST,
                    "pki_int/intermediate/generate/internal",
                    new JsonObject().put("common_name", "Keyward Issuing CA")))
            .getString("csr");
    JsonObject signed =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/root/sign-intermediate",
                new JsonObject().put("csr", csr).put("max_path_length", 0).put("ttl", "100000h")));
    X509Certificate intermediate = PemCodec.certificate(signed.getString("certificate"));
    X509Certificate root = PemCodec.certificate(rootPem);
    assertEquals(0, intermediate.getBasicConstraints());
    assertEquals(root.getNotAfter(), intermediate.getNotAfter());
    assertEquals("CN=Keyward Issuing CA", intermediate.getSubjectX500Principal().getName());
  }

  @Test
  void setSigned_withCertificateForAnotherKey_returns400AndNoIssuer() {
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki_int/intermediate/generate/internal",
            new JsonObject().put("common_name", "Keyward Issuing CA")));
    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.POST,
            "pki_int/intermediate/set-signed",
            new JsonObject().put("certificate", rootPem));
    assertEquals(400, response.statusCode());
    assertEquals(
        "the certificate does not match this mount's pending key",
        response.bodyAsJsonObject().getJsonArray("errors").getString(0));
    assertEquals(404, server.send(HttpMethod.GET, "pki_int/ca/pem", null, null).statusCode());
  }

  @Test
  void setSigned_withoutPendingKey_returns400() {
    HttpResponse<Buffer> response =
        server.root(
            HttpMethod.POST,
            "pki_int/intermediate/set-signed",
            new JsonObject().put("certificate", rootPem));
    assertEquals(400, response.statusCode());
  }

  private String setUpIntermediate() {
    JsonObject generated =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki_int/intermediate/generate/internal",
                new JsonObject().put("common_name", "Keyward Issuing CA").put("key_type", "ec")));
    JsonObject signed =
        PkiFixture.data(
            server.root(
                HttpMethod.POST,
                "pki/root/sign-intermediate",
                new JsonObject().put("csr", generated.getString("csr")).put("ttl", "4380h")));
    assertEquals(List.of(rootPem), signed.getJsonArray("ca_chain").getList());
    String bundle = signed.getString("certificate") + "\n" + signed.getString("issuing_ca");
    PkiFixture.data(
        server.root(
            HttpMethod.POST,
            "pki_int/intermediate/set-signed",
            new JsonObject().put("certificate", bundle)));
    return signed.getString("certificate");
  }
}
