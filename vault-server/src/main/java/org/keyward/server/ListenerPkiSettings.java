package org.keyward.server;

import java.time.Duration;

/**
 * Where the HTTPS listener's own certificate comes from once the vault is unsealed: {@code
 * issue/<role>} of the PKI mount {@code mount}, for {@code commonName}, living {@code ttl}.
 *
 * @param mount the mount path without the trailing slash, e.g. {@code pki}
 */
record ListenerPkiSettings(String mount, String role, String commonName, Duration ttl) {
  /** Below this a certificate would be renewed faster than it can be issued and swapped in. */
  static final Duration MIN_TTL = Duration.ofSeconds(2);

  ListenerPkiSettings {
    mount = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
    if (mount.isEmpty()) {
      throw new IllegalArgumentException("tls_pki_mount must name a mount, such as pki");
    }
    if (ttl.compareTo(MIN_TTL) < 0) {
      throw new IllegalArgumentException(
          "tls_pki_ttl must be at least " + MIN_TTL.toSeconds() + "s");
    }
  }
}
