package org.keyward.client;

import java.util.List;
import java.util.Map;

/**
 * Sets up the dev server's PKI mount through the SDK's raw writes: roles under the root CA a dev
 * server makes.
 */
final class TestPki {
  private TestPki() {}

  /** Points {@code role} at {@code example.net} with {@code ttl}, under the dev root CA. */
  static void setUp(VaultClient root, String role, String ttl) {
    root.logical()
        .write(
            "pki/roles/" + role,
            Map.of(
                "allowed_domains",
                List.of("example.net"),
                "allow_subdomains",
                true,
                "allow_localhost",
                true,
                "allow_ip_sans",
                true,
                "server_flag",
                true,
                "client_flag",
                true,
                "key_type",
                "ec",
                "key_bits",
                256,
                "ttl",
                ttl,
                "max_ttl",
                "72h"));
  }
}
