package org.keyward.client;

import java.nio.file.Path;
import java.util.Map;
import org.keyward.server.VaultTestServer;

/**
 * The whole Keyward dev server (TLS, SoftHSM2, SQLite) for the SDK's tests, and clients configured
 * for it the way a deployment would be: from {@code VAULT_*} variables.
 */
final class LiveVault implements AutoCloseable {
  final VaultTestServer server;
  private final java.util.List<AutoCloseable> clients = new java.util.ArrayList<>();

  private LiveVault(VaultTestServer server) {
    this.server = server;
  }

  static LiveVault start(Path dir) {
    return new LiveVault(VaultTestServer.startDev(dir.resolve("data")));
  }

  /** The environment a deployment would set, with the root token. */
  Map<String, String> environment() {
    return Map.of(
        "VAULT_ADDR", server.address(),
        "VAULT_TOKEN", VaultTestServer.ROOT,
        "VAULT_CACERT", server.caCertificate().toString());
  }

  /** A config builder from {@link #environment()} without the token. */
  VaultConfig.Builder configWithoutToken() {
    return VaultConfig.fromEnvironment(
        Map.of("VAULT_ADDR", server.address(), "VAULT_CACERT", server.caCertificate().toString()));
  }

  VaultClient rootClient() {
    return track(VaultClient.create(VaultConfig.fromEnvironment(environment()).build()));
  }

  VaultClient client(VaultConfig config) {
    return track(VaultClient.create(config));
  }

  private VaultClient track(VaultClient c) {
    clients.add(c);
    return c;
  }

  @Override
  public void close() {
    for (AutoCloseable c : clients) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    server.close();
  }
}
