package org.keyward.server;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Locale;

/** The TLS implementation of the HTTPS listener: config key {@code tls_engine}. */
public enum TlsEngine {
  /** BoringSSL through netty-tcnative; its native library ships inside the server jar. */
  OPENSSL,
  /** The JDK's {@code SSLEngine}. */
  JDK;

  /** The config value, e.g. {@code openssl}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Vert.x's options for this engine. */
  SSLEngineOptions options() {
    return this == OPENSSL ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
  }
}
