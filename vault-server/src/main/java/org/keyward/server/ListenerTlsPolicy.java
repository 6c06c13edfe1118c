package org.keyward.server;

import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.Set;

/**
 * What the HTTPS listener offers: TLS 1.2 and 1.3 only; on TLS 1.2 only AEAD suites with forward
 * secrecy (ECDHE with AES-GCM or ChaCha20-Poly1305: no CBC, so nothing for LUCKY13, and no static
 * RSA key exchange); TLS 1.3's suites are all AEAD with forward secrecy. Both ECDSA and RSA
 * certificates are served (an operator's {@code tls_cert_file} may be either). Client-initiated
 * renegotiation, a cheap way to make the server do handshakes, is refused.
 */
final class ListenerTlsPolicy {
  static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  /**
   * In the JDK's order of preference; either engine drops a name it does not have (both have all:
   * see the test). TLS 1.3's suites are BoringSSL's fixed set; it takes no choice there.
   */
  static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * For {@code tls_engine = jdk} (BoringSSL never renegotiates as a server). The JDK reads this
   * once, when its TLS server code first loads, so it is set before any listener exists (and left
   * alone if the operator set it on the command line).
   */
  private static final String REJECT_CLIENT_RENEGOTIATION =
      "jdk.tls.rejectClientInitiatedRenegotiation";

  static {
    if (System.getProperty(REJECT_CLIENT_RENEGOTIATION) == null) {
      System.setProperty(REJECT_CLIENT_RENEGOTIATION, "true");
    }
  }

  private ListenerTlsPolicy() {}

  /** Restricts {@code options} to these protocols and suites. */
  static HttpServerOptions apply(HttpServerOptions options) {
    options.setEnabledSecureTransportProtocols(PROTOCOLS);
    CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    return options;
  }
}
