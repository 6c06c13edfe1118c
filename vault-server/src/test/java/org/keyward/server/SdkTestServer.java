package org.keyward.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.keyward.hsm.testing.SoftHsmToken;

/**
 * The whole dev server (real SoftHSM token, SQLite under a temporary directory, self-made TLS) for
 * the tests of other modules, {@code vault-client}'s above all: public, and able to come back on
 * the port it had, so that a client keeps its address across a restart.
 */
public final class SdkTestServer implements AutoCloseable {
  /** The dev root token. */
  public static final String ROOT_TOKEN = "root-token-for-tests";

  private final Path dataDir;
  private final SoftHsmToken token;
  private KeywardServer server;
  private Path caCertificate;
  private int port;

  private SdkTestServer(Path dataDir, SoftHsmToken token) {
    this.dataDir = dataDir;
    this.token = token;
  }

  /** A dev server ({@code secret/}, {@code transit/}, {@code pki/} mounted) on a fresh token. */
  public static SdkTestServer startDev(Path dataDir) {
    SdkTestServer s = new SdkTestServer(dataDir, SoftHsmToken.create());
    s.start("127.0.0.1:0");
    return s;
  }

  private void start(String listen) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.LISTEN_ADDRESS, listen);
    flags.put(ConfigKey.DATA_DIR, dataDir.toString());
    flags.put(ConfigKey.HSM_TOKEN_LABEL, token.label());
    flags.put(ConfigKey.HSM_PIN_FILE, pinFile().toString());
    ServerConfig config = ServerConfig.load(null, Map.of(), Map.of(), flags);
    Clock clock = Clock.systemUTC();
    CompositionRoot.Prepared prepared = CompositionRoot.prepare(config, clock);
    server =
        TestServer.await(
            KeywardServer.start(
                config,
                prepared.tls(),
                CompositionRoot.parts(
                    config, Map.of(), prepared.node(), clock, Optional.of(ROOT_TOKEN)),
                prepared.node(),
                clock));
    caCertificate = prepared.tls().caCertificate().orElseThrow();
    port = server.port();
  }

  private Path pinFile() {
    try {
      Path file = dataDir.resolveSibling(dataDir.getFileName() + ".pin");
      Files.writeString(file, new String(token.pin()) + "\n");
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops the server; {@link #startAgain()} brings it back on the same port and data. */
  public void stop() {
    if (server != null) {
      TestServer.await(server.stop());
      server = null;
    }
  }

  /** Starts the stopped server again on its former port, data directory and token. */
  public void startAgain() {
    start("127.0.0.1:" + port);
  }

  /** {@code https://127.0.0.1:<port>}. */
  public String address() {
    return "https://127.0.0.1:" + port;
  }

  /** The PEM file of the CA that signed the server's TLS certificate (for VAULT_CACERT). */
  public Path caCertificate() {
    return caCertificate;
  }

  @Override
  public void close() {
    stop();
  }
}
