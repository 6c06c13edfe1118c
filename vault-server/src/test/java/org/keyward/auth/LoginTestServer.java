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
import java.util.ArrayList;
import java.util.List;
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
 * The {@link PipelineHarness} over HTTPS (port 0), requesting but not verifying client
 * certificates: its TLS trust manager accepts any chain, so the login code alone decides. AppRole
 * is mounted at {@code auth/approle/}, cert at {@code auth/cert/}, each over an {@link
 * InMemoryStorageView}; {@link #ROOT_TOKEN} is the one token admin routes accept.
 */
public final class LoginTestServer {
  public static final String ROOT_TOKEN = PipelineHarness.ROOT_TOKEN;

  private final Vertx vertx;
  private final PipelineHarness server;
  private final TestCerts.Issued serverCa;
  private final RecordingTokenIssuer issuer;
  private final List<WebClient> clients = new ArrayList<>();

  private LoginTestServer(
      Vertx vertx, PipelineHarness server, TestCerts.Issued serverCa, RecordingTokenIssuer issuer) {
    this.vertx = vertx;
    this.server = server;
    this.serverCa = serverCa;
    this.issuer = issuer;
  }

  /** Starts the server; blocks the calling (test) thread, never an event loop. */
  public static LoginTestServer start(Vertx vertx, Clock clock, LoginLockout lockout)
      throws Exception {
    RecordingTokenIssuer issuer = new RecordingTokenIssuer();
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

    TestCerts.Issued serverCa = TestCerts.rootCa("Login Test Server CA");
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
    PipelineHarness server = builder.serverOptions(options).start();
    return new LoginTestServer(vertx, server, serverCa, issuer);
  }

  public int port() {
    return server.port();
  }

  /** The CA that issued the server's certificate; clients trust it. */
  public TestCerts.Issued serverCa() {
    return serverCa;
  }

  public RecordingTokenIssuer issuer() {
    return issuer;
  }

  /** A client presenting no certificate. */
  public WebClient client() {
    return client(null);
  }

  /** A client presenting {@code cert}'s chain (leaf and intermediates) in the TLS handshake. */
  public WebClient client(TestCerts.Issued cert) {
    WebClientOptions options =
        new WebClientOptions()
            .setSsl(true)
            .setVerifyHost(true)
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(server.port())
            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(serverCa.certPem())));
    if (cert != null) {
      options.setKeyCertOptions(
          new PemKeyCertOptions()
              .setKeyValue(Buffer.buffer(cert.keyPem()))
              .setCertValue(Buffer.buffer(cert.chainPem())));
    }
    WebClient client = WebClient.create(vertx, options);
    clients.add(client);
    return client;
  }

  /** Sends a request; {@code body} null for none; {@code root} adds the root token. */
  public static Future<HttpResponse<Buffer>> send(
      WebClient client, HttpMethod method, String path, JsonObject body, boolean root) {
    HttpRequest<Buffer> request = client.request(method, "/v1/" + path);
    if (root) {
      request.putHeader("X-Vault-Token", ROOT_TOKEN);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  public static <T> T await(Future<T> f) {
    return PipelineHarness.await(f);
  }

  public void close() throws Exception {
    clients.forEach(WebClient::close);
    server.close();
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
