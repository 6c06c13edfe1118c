package org.keyward.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.keyward.auth.approle.AppRoleFactory;
import org.keyward.auth.cert.CertAuthFactory;
import org.keyward.engine.BackendContext;
import org.keyward.engine.MountEntry;
import org.keyward.testing.PipelineHarness;
import org.keyward.view.InMemoryStorageView;

/**
 * What the login tests serve through the {@link PipelineHarness}: AppRole at {@code auth/approle/}
 * and cert at {@code auth/cert/}, each over an {@link InMemoryStorageView}, issuing through one
 * {@link RecordingTokenIssuer}; over HTTPS, requesting but not verifying client certificates (the
 * TLS trust manager accepts any chain, so the login code alone decides).
 */
public record LoginFixture(RecordingTokenIssuer issuer, TestCerts.Issued serverCa) {

  public static LoginFixture create() {
    return new LoginFixture(new RecordingTokenIssuer(), TestCerts.rootCa("Login Test Server CA"));
  }

  /** Starts the harness; blocks the calling (test) thread, never an event loop. */
  public PipelineHarness serve(Vertx vertx, Clock clock, LoginLockout lockout) {
    PipelineHarness.Builder builder = PipelineHarness.builder(vertx).bodyLimit(64 * 1024);
    Map.of(
            "auth/approle/", new AppRoleFactory(issuer, lockout, clock),
            "auth/cert/", new CertAuthFactory(issuer, lockout, clock))
        .forEach(
            (path, factory) -> {
              MountEntry entry =
                  new MountEntry(path, factory.type(), path, path, "", Map.of(), 0, 0);
              BackendContext ctx = new BackendContext(vertx, entry, new InMemoryStorageView());
              builder.mount(path, factory.type(), factory.create(ctx).operations());
            });
    TestCerts.Issued serverCert =
        TestCerts.issue(
            new TestCerts.Spec("localhost")
                .dns("localhost")
                .ip("127.0.0.1")
                .eku(KeyPurposeId.id_kp_serverAuth),
            serverCa);
    HttpServerOptions options =
        new HttpServerOptions()
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setKeyValue(Buffer.buffer(serverCert.keyPem()))
                    .setCertValue(Buffer.buffer(serverCert.chainPem())))
            .setClientAuth(ClientAuth.REQUEST)
            .setTrustOptions(TrustOptions.wrap(ACCEPT_ANY_CLIENT));
    return builder.serverOptions(options).start();
  }

  /** Client options trusting the server; presenting {@code cert}'s chain unless it is null. */
  public WebClientOptions clientOptions(TestCerts.Issued cert) {
    WebClientOptions options =
        new WebClientOptions()
            .setSsl(true)
            .setVerifyHost(true)
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(serverCa.certPem())));
    if (cert != null) {
      options.setKeyCertOptions(
          new PemKeyCertOptions()
              .setKeyValue(Buffer.buffer(cert.keyPem()))
              .setCertValue(Buffer.buffer(cert.chainPem())));
    }
    return options;
  }

  /** Sends a request; {@code body} null for none; {@code root} adds the root token. */
  public static Future<HttpResponse<Buffer>> send(
      WebClient client, HttpMethod method, String path, JsonObject body, boolean root) {
    HttpRequest<Buffer> request = client.request(method, "/v1/" + path);
    if (root) {
      request.putHeader("X-Vault-Token", PipelineHarness.ROOT_TOKEN);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** Accepts any client chain at the TLS layer, so the cert login code is what decides. */
  private static final X509TrustManager ACCEPT_ANY_CLIENT =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
          throw new UnsupportedOperationException("server-side trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };
}
