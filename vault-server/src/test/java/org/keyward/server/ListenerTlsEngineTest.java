package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListenerTlsEngineTest {
  private static final Throwable MISSING = new UnsatisfiedLinkError("no netty_tcnative");

  @Test
  void openssl_loadsFromTheServerJarsDependencies() {
    // Nothing to install: the static BoringSSL build is a dependency; this fails if it is lost.
    assertTrue(OpenSsl.isAvailable(), String.valueOf(OpenSsl.unavailabilityCause()));
    assertEquals(TlsEngine.OPENSSL, ListenerTlsEngine.choose(Optional.empty()));
  }

  @Test
  void choose_default_isOpensslWhereItLoads() {
    assertEquals(TlsEngine.OPENSSL, ListenerTlsEngine.choose(Optional.empty(), null));
  }

  @Test
  void choose_defaultWhereOpensslCannotLoad_fallsBackToJdkWithOneWarning() {
    try (LogCapture logs = LogCapture.install()) {
      assertEquals(TlsEngine.JDK, ListenerTlsEngine.choose(Optional.empty(), MISSING));

      List<String> warnings =
          logs.records().stream()
              .filter(r -> r.contains(ListenerTlsEngine.class.getName()))
              .toList();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).startsWith("WARNING"), warnings.get(0));
      assertTrue(warnings.get(0).contains("no netty_tcnative"), warnings.get(0));
    }
  }

  @Test
  void choose_explicitOpensslWhereItCannotLoad_failsNamingKeyAndCause() {
    String msg =
        assertThrows(
                ConfigException.class,
                () -> ListenerTlsEngine.choose(Optional.of(TlsEngine.OPENSSL), MISSING))
            .getMessage();

    assertTrue(msg.startsWith("tls_engine = openssl, but OpenSSL cannot be loaded"), msg);
    assertTrue(msg.contains("no netty_tcnative"), msg);
  }

  @Test
  void choose_explicitEngine_isKeptWhereOpensslLoads() {
    assertEquals(TlsEngine.JDK, ListenerTlsEngine.choose(Optional.of(TlsEngine.JDK), null));
    assertEquals(TlsEngine.OPENSSL, ListenerTlsEngine.choose(Optional.of(TlsEngine.OPENSSL), null));
    assertEquals(TlsEngine.JDK, ListenerTlsEngine.choose(Optional.of(TlsEngine.JDK), MISSING));
  }

  @Test
  void options_matchTheEngine() {
    assertInstanceOf(OpenSSLEngineOptions.class, TlsEngine.OPENSSL.options());
    assertInstanceOf(JdkSSLEngineOptions.class, TlsEngine.JDK.options());
  }
}
