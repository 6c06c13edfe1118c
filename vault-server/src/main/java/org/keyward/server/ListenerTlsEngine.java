package org.keyward.server;

import io.netty.handler.ssl.OpenSsl;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Picks the listener's TLS implementation. OpenSSL by default: the JDK's {@code SSLEngine} took
 * about a quarter of the server's CPU on the batch workload (issue 19), and with BoringSSL a
 * request cost 5-15 % less server CPU in every workload measured. Where its native library cannot
 * load (a CPU or libc it was not built for), the default falls back to the JDK with one log line;
 * an explicit {@code tls_engine = openssl} stops the start instead, since the operator asked for
 * it.
 */
final class ListenerTlsEngine {
  private static final System.Logger LOG = System.getLogger(ListenerTlsEngine.class.getName());

  private ListenerTlsEngine() {}

  /** The engine for {@code configured} (empty: the default) on this machine. */
  static TlsEngine choose(Optional<TlsEngine> configured) {
    return choose(configured, OpenSsl.isAvailable() ? null : OpenSsl.unavailabilityCause());
  }

  /**
   * As {@link #choose(Optional)}, with OpenSSL's state given.
   *
   * @param unavailable why OpenSSL cannot load here; null if it can
   * @throws ConfigException if {@code configured} is OpenSSL and it cannot load
   */
  static TlsEngine choose(Optional<TlsEngine> configured, Throwable unavailable) {
    if (unavailable == null) {
      return configured.orElse(TlsEngine.OPENSSL);
    }
    if (configured.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "OpenSSL cannot be loaded here (" + unavailable + "); the listener uses the JDK's TLS");
      return TlsEngine.JDK;
    }
    if (configured.get() == TlsEngine.OPENSSL) {
      throw new ConfigException(
          ConfigKey.TLS_ENGINE.key()
              + " = openssl, but OpenSSL cannot be loaded here ("
              + unavailable
              + "); set it to jdk or leave it empty");
    }
    return configured.get();
  }
}
