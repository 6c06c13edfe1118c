package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The renewal schedule and the tls_pki_* settings of the listener's PKI certificate. */
class ListenerCertificateRenewalTest {
  private static final Instant ISSUED = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void renewalDelay_countsTwoThirdsFromIssuance_notFromBackdatedNotBefore() {
    assertEquals(
        Duration.ofHours(48),
        ListenerCertificateRenewal.renewalDelay(ISSUED, ISSUED.plus(Duration.ofHours(72))));
  }

  @Test
  void renewalDelay_certificateAboutToExpire_waitsAtLeastOneSecond() {
    assertEquals(
        Duration.ofSeconds(1),
        ListenerCertificateRenewal.renewalDelay(ISSUED, ISSUED.plusMillis(300)));
    assertEquals(
        Duration.ofSeconds(1),
        ListenerCertificateRenewal.renewalDelay(ISSUED, ISSUED.minusSeconds(5)));
  }

  @Test
  void config_withoutTlsPkiRole_hasNoListenerPki() {
    assertFalse(config(Map.of()).tlsPki().isPresent());
  }

  @Test
  void config_withTlsPkiRole_readsMountNameAndTtl() {
    ListenerPkiSettings pki =
        config(
                Map.of(
                    ConfigKey.TLS_PKI_ROLE, "core-server",
                    ConfigKey.TLS_PKI_MOUNT, "pki_int/",
                    ConfigKey.TLS_PKI_COMMON_NAME, "api.core.keyward.internal",
                    ConfigKey.TLS_PKI_TTL, "24h"))
            .tlsPki()
            .orElseThrow();
    assertEquals(
        new ListenerPkiSettings(
            "pki_int", "core-server", "api.core.keyward.internal", Duration.ofHours(24)),
        pki);
  }

  @Test
  void config_withTooShortOrMalformedTtl_failsNamingTheKey() {
    for (String ttl : new String[] {"1s", "soon", "0"}) {
      String message =
          assertThrows(
                  ConfigException.class,
                  () -> config(Map.of(ConfigKey.TLS_PKI_ROLE, "r", ConfigKey.TLS_PKI_TTL, ttl)))
              .getMessage();
      assertTrue(message.startsWith("tls_pki_ttl (from the command line)"), message);
    }
  }

  private static ServerConfig config(Map<ConfigKey, String> flags) {
    return ServerConfig.load(null, Map.of(), Map.of(), flags);
  }
}
