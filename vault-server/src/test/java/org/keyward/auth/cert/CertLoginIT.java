package org.keyward.auth.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.auth.LoginFixture.send;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.auth.LoginFixture;
import org.keyward.auth.LoginLockout;
import org.keyward.auth.TestCerts;
import org.keyward.auth.TestCerts.Issued;
import org.keyward.auth.TestCerts.Spec;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;

@ExtendWith(VertxExtension.class)
class CertLoginIT {
  private static final Issued ROOT = TestCerts.rootCa("Keyward Cells Root");
  private static final Issued INTERMEDIATE = TestCerts.intermediateCa("Cells Issuing", ROOT);

  private final TestClock clock = new TestClock();
  private LoginFixture logins;
  private PipelineHarness server;
  private WebClient admin;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    LoginLockout lockout =
        new LoginLockout(3, Duration.ofMinutes(15), Duration.ofMinutes(15), 1000, clock);
    logins = LoginFixture.create();
    server = logins.serve(vertx, clock, lockout);
    admin = server.client(logins.clientOptions(null));
    HttpResponse<Buffer> created =
        await(
            send(
                admin,
                HttpMethod.POST,
                "auth/cert/certs/cells",
                new JsonObject()
                    .put("certificate", ROOT.certPem())
                    .put("allowed_common_names", new JsonArray().add("cell-*"))
                    .put("token_policies", "cell")
                    .put("token_ttl", "1h"),
                true));
    assertEquals(204, created.statusCode(), created.bodyAsString());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void login_trustedChainViaIntermediate_returnsAuthWithCertMetadata() throws Exception {
    Issued leaf = TestCerts.clientLeaf("cell-17", INTERMEDIATE);

    HttpResponse<Buffer> resp = login(leaf, new JsonObject());

    assertEquals(200, resp.statusCode(), resp.bodyAsString());
    JsonObject auth = resp.bodyAsJsonObject().getJsonObject("auth");
    assertEquals(new JsonArray().add("cell"), auth.getJsonArray("policies"));
    JsonObject meta = auth.getJsonObject("metadata");
    assertEquals("cells", meta.getString("cert_name"));
    assertEquals("cell-17", meta.getString("common_name"));
    assertEquals(leaf.cert().getSerialNumber().toString(), meta.getString("serial_number"));
    assertTrue(meta.getString("subject_key_id").matches("([0-9a-f]{2}:)+[0-9a-f]{2}"));
    assertTrue(meta.getString("authority_key_id").matches("([0-9a-f]{2}:)+[0-9a-f]{2}"));
    assertFalse(meta.getString("subject_key_id").equals(meta.getString("authority_key_id")));
    var grant = logins.issuer().grants().get(0);
    assertEquals("auth/cert/login", grant.authPath());
    assertEquals(3600, grant.ttlSeconds());
  }

  @Test
  void login_chainOfAnotherCaWithSameName_returns400() throws Exception {
    Issued impostorRoot = TestCerts.rootCa("Keyward Cells Root");
    assertUntrusted(login(TestCerts.clientLeaf("cell-17", impostorRoot), new JsonObject()));
  }

  @Test
  void login_expiredCertificate_returns400() throws Exception {
    Instant now = Instant.now();
    Issued expired =
        TestCerts.issue(
            new Spec("cell-17").validity(now.minus(Duration.ofDays(3)), now.minusSeconds(600)),
            ROOT);
    assertUntrusted(login(expired, new JsonObject()));
  }

  @Test
  void login_trustedCaButCommonNameNotAllowed_returns400() throws Exception {
    assertUntrusted(login(TestCerts.clientLeaf("admin-1", ROOT), new JsonObject()));
  }

  @Test
  void login_withoutClientCertificate_returns400() throws Exception {
    HttpResponse<Buffer> resp =
        await(
            send(
                server.client(logins.clientOptions(null)),
                HttpMethod.POST,
                "auth/cert/login",
                new JsonObject(),
                false));
    assertEquals(400, resp.statusCode());
    assertEquals(List.of("client certificate must be supplied"), errors(resp));
  }

  @Test
  void login_bodyNamingCertificateOfAnotherClient_isIgnored() throws Exception {
    Issued trusted = TestCerts.clientLeaf("cell-17", ROOT);
    Issued untrusted = TestCerts.clientLeaf("cell-17", TestCerts.rootCa("Other"));
    JsonObject body = new JsonObject().put("certificate", trusted.certPem());
    assertUntrusted(login(untrusted, body));
  }

  @Test
  void login_pinnedLeafVersusLookAlikeWithSameKeyAndSerial() throws Exception {
    Issued pinned = TestCerts.clientLeaf("device-17", ROOT);
    Issued lookAlike =
        TestCerts.issue(
            new Spec("device-99").keys(pinned.keys()).serial(pinned.cert().getSerialNumber()),
            ROOT);
    HttpResponse<Buffer> created =
        await(
            send(
                admin,
                HttpMethod.POST,
                "auth/cert/certs/pinned",
                new JsonObject().put("certificate", pinned.certPem()).put("policies", "device"),
                true));
    assertEquals(204, created.statusCode());
    JsonObject named = new JsonObject().put("name", "pinned");

    assertUntrusted(login(lookAlike, named));
    HttpResponse<Buffer> ok = login(pinned, named);
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    assertEquals(
        "pinned",
        ok.bodyAsJsonObject()
            .getJsonObject("auth")
            .getJsonObject("metadata")
            .getString("cert_name"));
  }

  @Test
  void login_afterThreeFailures_lockedOutEvenWhenTrusted_thenAllowedAfterLockout()
      throws Exception {
    Issued leaf = TestCerts.clientLeaf("cell-17", ROOT);
    for (int i = 0; i < 3; i++) {
      assertUntrusted(login(leaf, new JsonObject().put("name", "no-such-role")));
    }

    HttpResponse<Buffer> locked = login(leaf, new JsonObject());
    assertEquals(403, locked.statusCode());
    assertTrue(logins.issuer().grants().isEmpty());

    clock.advance(Duration.ofMinutes(15));
    assertEquals(200, login(leaf, new JsonObject()).statusCode());
  }

  @Test
  void login_successBetweenFailures_resetsCount() throws Exception {
    Issued leaf = TestCerts.clientLeaf("cell-17", ROOT);
    JsonObject wrong = new JsonObject().put("name", "no-such-role");
    for (int round = 0; round < 2; round++) {
      assertUntrusted(login(leaf, wrong));
      assertUntrusted(login(leaf, wrong));
      assertEquals(200, login(leaf, new JsonObject()).statusCode());
    }
  }

  @Test
  void certRoles_readListDelete_roundTrip() throws Exception {
    HttpResponse<Buffer> read =
        await(send(admin, HttpMethod.GET, "auth/cert/certs/cells", null, true));
    assertEquals(200, read.statusCode());
    JsonObject data = read.bodyAsJsonObject().getJsonObject("data");
    assertEquals(ROOT.certPem(), data.getString("certificate"));
    assertEquals(new JsonArray().add("cell-*"), data.getJsonArray("allowed_common_names"));
    assertEquals(3600, data.getLong("token_ttl"));

    HttpResponse<Buffer> list =
        await(send(admin, HttpMethod.GET, "auth/cert/certs?list=true", null, true));
    assertEquals(
        new JsonArray().add("cells"),
        list.bodyAsJsonObject().getJsonObject("data").getJsonArray("keys"));

    assertEquals(
        204,
        await(send(admin, HttpMethod.DELETE, "auth/cert/certs/cells", null, true)).statusCode());
    assertEquals(
        404, await(send(admin, HttpMethod.GET, "auth/cert/certs/cells", null, true)).statusCode());
    assertUntrusted(login(TestCerts.clientLeaf("cell-17", ROOT), new JsonObject()));
  }

  @Test
  void writeCertRole_badPemOrNoToken_refused() throws Exception {
    HttpResponse<Buffer> bad =
        await(
            send(
                admin,
                HttpMethod.POST,
                "auth/cert/certs/broken",
                new JsonObject().put("certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n"),
                true));
    assertEquals(400, bad.statusCode());
    assertEquals(List.of("field 'certificate' is not a PEM X.509 certificate"), errors(bad));

    HttpResponse<Buffer> anonymous =
        await(
            send(
                admin,
                HttpMethod.POST,
                "auth/cert/certs/other",
                new JsonObject().put("certificate", ROOT.certPem()),
                false));
    assertEquals(403, anonymous.statusCode());
  }

  private HttpResponse<Buffer> login(Issued clientCert, JsonObject body) throws Exception {
    return await(
        send(
            server.client(logins.clientOptions(clientCert)),
            HttpMethod.POST,
            "auth/cert/login",
            body,
            false));
  }

  private static void assertUntrusted(HttpResponse<Buffer> resp) {
    assertEquals(400, resp.statusCode(), resp.bodyAsString());
    assertEquals(List.of("invalid certificate or no client certificate supplied"), errors(resp));
  }

  private static List<Object> errors(HttpResponse<Buffer> resp) {
    return resp.bodyAsJsonObject().getJsonArray("errors").getList();
  }
}
