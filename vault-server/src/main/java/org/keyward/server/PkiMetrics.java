package org.keyward.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of what the pki mounts store, so an operator sees the CRL and the store grow or shrink
 * with tidy: {@code keyward_pki_certificates_stored} and {@code keyward_pki_certificates_revoked}
 * (revocation entries, the CRL's length), summed over mounts, as counted at each mount's start, its
 * once-a-minute check and after each revocation.
 */
final class PkiMetrics {
  static final String STORED = "keyward.pki.certificates.stored";
  static final String REVOKED = "keyward.pki.certificates.revoked";

  private PkiMetrics() {}

  static void bind(MeterRegistry registry, KeywardVault vault) {
    Gauge.builder(STORED, vault, v -> v.pkiStoredCounts()[0])
        .description("Certificates stored by the pki mounts")
        .register(registry);
    Gauge.builder(REVOKED, vault, v -> v.pkiStoredCounts()[1])
        .description("Revocation entries held by the pki mounts (listed on their CRLs)")
        .register(registry);
  }
}
