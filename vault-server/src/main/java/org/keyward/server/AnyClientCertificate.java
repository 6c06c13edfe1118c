package org.keyward.server;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.TrustOptions;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Lets the listener ask every TLS client for a certificate without making one a condition, and
 * without judging it: the handshake still proves the client holds the certificate's private key,
 * but whether the chain is trusted is decided only by a cert auth method's login, against its
 * role's CA, and only for the chain of the connection that carried the login. A client that sends
 * no certificate connects as before; nothing else reads the chain.
 */
final class AnyClientCertificate {
  private AnyClientCertificate() {}

  /** {@code options} requesting (not requiring) a client certificate, accepting any chain. */
  static HttpServerOptions request(HttpServerOptions options) {
    return options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(ACCEPT));
  }

  private static final X509TrustManager ACCEPT =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
          // Accepted here on purpose: CertChainVerifier decides at login (see class comment).
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
          throw new UnsupportedOperationException("a listener never checks a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          // Empty: clients may send a certificate from any CA; each cert role names its own.
          return new X509Certificate[0];
        }
      };
}
