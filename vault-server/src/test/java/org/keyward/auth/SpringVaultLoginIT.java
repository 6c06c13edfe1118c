package org.keyward.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keyward.auth.LoginFixture.send;
import static org.keyward.testing.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keyward.testing.PipelineHarness;
import org.keyward.testing.TestClock;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.ClientCertificateAuthentication;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.vault.support.SslConfiguration.KeyStoreConfiguration;
import org.springframework.vault.support.VaultToken;
import org.springframework.web.client.RestTemplate;

/**
 * Spring Vault's own AppRole and client-certificate authentications, unchanged, against the login
 * methods on the mTLS test server: the JSON shapes they send and read are the contract.
 */
@ExtendWith(VertxExtension.class)
class SpringVaultLoginIT {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private final TestClock clock = new TestClock();
  private LoginFixture logins;
  private PipelineHarness server;
  private WebClient admin;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    logins = LoginFixture.create();
    server =
        logins.serve(
            vertx,
            clock,
            new LoginLockout(3, Duration.ofMinutes(15), Duration.ofMinutes(15), 100, clock));
    admin = server.client(logins.clientOptions(null));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void appRoleAuthentication_login_returnsIssuedToken() throws Exception {
    assertEquals(204, admin("auth/approle/role/spring", new JsonObject()).statusCode());
    String roleId =
        await(send(admin, HttpMethod.GET, "auth/approle/role/spring/role-id", null, true))
            .bodyAsJsonObject()
            .getJsonObject("data")
            .getString("role_id");
    String secretId =
        admin("auth/approle/role/spring/secret-id", new JsonObject())
            .bodyAsJsonObject()
            .getJsonObject("data")
            .getString("secret_id");
    AppRoleAuthenticationOptions options =
        AppRoleAuthenticationOptions.builder()
            .roleId(RoleId.provided(roleId))
            .secretId(SecretId.provided(secretId))
            .build();

    VaultToken token = new AppRoleAuthentication(options, rest(null)).login();

    assertEquals("test-token-1", token.getToken());
    assertEquals(Map.of("role_name", "spring"), logins.issuer().grants().get(0).metadata());
  }

  @Test
  void clientCertificateAuthentication_login_returnsIssuedToken() throws Exception {
    TestCerts.Issued root = TestCerts.rootCa("Spring Cells Root");
    assertEquals(
        204,
        admin(
                "auth/cert/certs/cells",
                new JsonObject().put("certificate", root.certPem()).put("policies", "cell"))
            .statusCode());
    TestCerts.Issued leaf = TestCerts.clientLeaf("cell-17", root);

    VaultToken token = new ClientCertificateAuthentication(rest(leaf)).login();

    assertEquals("test-token-1", token.getToken());
    assertEquals("cell-17", logins.issuer().grants().get(0).metadata().get("common_name"));
  }

  private HttpResponse<Buffer> admin(String path, JsonObject body) throws Exception {
    return await(send(admin, HttpMethod.POST, path, body, true));
  }

  private RestTemplate rest(TestCerts.Issued clientCert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server-ca", logins.serverCa().cert());
    SslConfiguration ssl =
        SslConfiguration.forTrustStore(KeyStoreConfiguration.of(resource(trust), PASSWORD));
    if (clientCert != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client",
          clientCert.keys().getPrivate(),
          PASSWORD,
          clientCert.chain().toArray(new X509Certificate[0]));
      ssl = ssl.withKeyStore(KeyStoreConfiguration.of(resource(keys), PASSWORD));
    }
    VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    return VaultClients.createRestTemplate(
        endpoint, ClientHttpRequestFactoryFactory.create(new ClientOptions(), ssl));
  }

  private static ByteArrayResource resource(KeyStore store) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, PASSWORD);
    return new ByteArrayResource(out.toByteArray());
  }
}
