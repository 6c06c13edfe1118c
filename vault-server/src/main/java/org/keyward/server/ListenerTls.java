package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.net.KeyCertOptions;

/** The bound HTTPS listeners, whose certificate can be replaced while they serve. */
@FunctionalInterface
interface ListenerTls {
  /**
   * Makes every listener present {@code keyCert} to new connections, keeping every other TLS
   * setting (protocols, client authentication); open connections keep the certificate they
   * negotiated.
   */
  Future<Void> useCertificate(KeyCertOptions keyCert);
}
