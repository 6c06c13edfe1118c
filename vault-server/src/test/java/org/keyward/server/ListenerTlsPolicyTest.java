package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class ListenerTlsPolicyTest {
  @Test
  void cipherSuites_areAeadWithForwardSecrecyOnly() {
    for (String suite : ListenerTlsPolicy.CIPHER_SUITES) {
      boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
      boolean ecdheAead =
          suite.startsWith("TLS_ECDHE_")
              && (suite.contains("_GCM_") || suite.endsWith("_CHACHA20_POLY1305_SHA256"));
      assertTrue(tls13 || ecdheAead, suite);
    }
  }

  @Test
  void cipherSuites_areAllSupportedByTheJdk() throws Exception {
    // A name the JDK lacks would be dropped silently, shrinking the list without anyone noticing.
    Set<String> supported =
        Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    assertTrue(supported.containsAll(ListenerTlsPolicy.CIPHER_SUITES), supported.toString());
  }

  @Test
  void cipherSuites_areAllSupportedByOpenssl() {
    // The default engine: netty drops a name BoringSSL lacks as silently as the JDK does.
    Set<String> supported = OpenSsl.availableJavaCipherSuites();
    assertTrue(supported.containsAll(ListenerTlsPolicy.CIPHER_SUITES), supported.toString());
  }

  @Test
  void apply_setsProtocolsSuitesAndRefusesClientRenegotiation() {
    HttpServerOptions options = ListenerTlsPolicy.apply(new HttpServerOptions());
    assertEquals(Set.of("TLSv1.2", "TLSv1.3"), options.getEnabledSecureTransportProtocols());
    assertEquals(
        List.copyOf(ListenerTlsPolicy.CIPHER_SUITES),
        List.copyOf(options.getEnabledCipherSuites()));
    assertEquals("true", System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation"));
  }
}
