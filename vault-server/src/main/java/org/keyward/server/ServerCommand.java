package org.keyward.server;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keyward server -dev [...]} or {@code keyward server -config=FILE}: starts the server, then
 * blocks until SIGTERM or SIGINT, on which it stops cleanly and the process exits 0. Option names
 * are Vault's single-dash forms; the double-dash forms work too.
 */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Runs the Keyward server.")
final class ServerCommand implements Callable<Integer> {
  private static final System.Logger LOG = System.getLogger(ServerCommand.class.getName());

  /** How long start-up and a clean stop may take before the command gives up on them. */
  static final Duration WAIT_TIMEOUT = Duration.ofSeconds(8);

  /**
   * Start-up opens storage and the HSM and, in dev mode, may create the KEK: allow for a slow box.
   */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  @Option(
      names = {"-dev", "--dev"},
      description =
          "Development mode: unsealed, self-made TLS, a dev root token. Never in production.")
  boolean dev;

  @Option(
      names = {"-config", "--config"},
      paramLabel = "FILE",
      description = "Config file (key = value); see README.")
  Path configFile;

  @Option(
      names = {"-dev-listen-address", "--dev-listen-address"},
      paramLabel = "HOST:PORT",
      description = "Dev listener address (default 127.0.0.1:8200).")
  String devListenAddress;

  @Option(
      names = {"-dev-root-token-id", "--dev-root-token-id"},
      paramLabel = "ID",
      description = "Dev root token (default: random).")
  String devRootTokenId;

  @Option(
      names = {"-data-dir", "--data-dir"},
      paramLabel = "DIR",
      description = "Data directory (dev default ./keyward-dev).")
  Path dataDir;

  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

  @Override
  public Integer call() throws InterruptedException {
    if (!dev && configFile == null) {
      err.println("keyward server: give -dev or -config=FILE");
      return 2;
    }
    if (devRootTokenId != null && (devRootTokenId.isBlank() || devRootTokenId.length() > 512)) {
      err.println("keyward server: -dev-root-token-id must be 1 to 512 characters");
      return 2;
    }
    ServerConfig config;
    try {
      config = ServerConfig.load(configFile, modeDefaults(), System.getenv(), flags());
    } catch (ConfigException e) {
      err.println("keyward server: " + e.getMessage());
      return 2;
    }
    if (dev && config.ha().enabled()) {
      err.println("keyward server: ha_enabled = true is not supported in dev mode");
      return 2;
    }
    ServerLogging.install(config.logging());
    String rootToken =
        dev ? (devRootTokenId != null ? devRootTokenId : DevRootToken.random()) : null;
    Clock clock = Clock.systemUTC();
    KeywardServer server;
    CompositionRoot.Prepared prepared;
    try {
      prepared = CompositionRoot.prepare(config, clock);
      KeywardServer.PartsFactory parts =
          CompositionRoot.parts(
              config, System.getenv(), prepared.node(), clock, Optional.ofNullable(rootToken));
      server =
          await(
              KeywardServer.start(config, prepared.tls(), parts, prepared.node(), clock)
                  .toCompletionStage()
                  .toCompletableFuture(),
              START_TIMEOUT);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      err.println("keyward server: cannot start: " + cause.getMessage());
      LOG.log(Level.DEBUG, "start failed", cause);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    SignalShutdown.install(() -> stopAndWait(server, stopped));
    err.println(
        "Keyward "
            + BuildInfo.VERSION
            + " listening on "
            + config.listenAddress().httpsUrl(server.port())
            + ", storage "
            + config.storageDescription());
    if (dev) {
      if (!announceDev(config, prepared.tls(), server, rootToken)) {
        stopAndWait(server, stopped);
        return 1;
      }
    }
    stopped.await();
    return 0;
  }

  /** Dev mode's defaults: below the config file, the environment and the flags. */
  private Map<ConfigKey, String> modeDefaults() {
    Map<ConfigKey, String> defaults = new EnumMap<>(ConfigKey.class);
    if (dev) {
      defaults.put(ConfigKey.LISTEN_ADDRESS, "127.0.0.1:8200");
      defaults.put(ConfigKey.DATA_DIR, "./keyward-dev");
    }
    return defaults;
  }

  /** The flags given on the command line: they win over everything. */
  private Map<ConfigKey, String> flags() {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    if (dev && devListenAddress != null) {
      flags.put(ConfigKey.LISTEN_ADDRESS, devListenAddress);
    }
    if (dataDir != null) {
      flags.put(ConfigKey.DATA_DIR, dataDir.toString());
    }
    return flags;
  }

  /** Prints the export lines and writes dev.env; false if the file cannot be written. */
  private boolean announceDev(
      ServerConfig config, TlsFiles tls, KeywardServer server, String rootToken) {
    // A configured certificate has no CA of ours: clients then trust the certificate itself.
    Path ca = tls.caCertificate().orElse(tls.certificate());
    DevEnvFile env = new DevEnvFile(config.listenAddress().httpsUrl(server.port()), ca, rootToken);
    err.println("WARNING: dev mode. Do not run a dev server in production or with real secrets.");
    // The file first: whoever sees the printed lines can rely on dev.env being there.
    Path file;
    try {
      file = env.write(config.dataDir());
    } catch (IOException e) {
      err.println("keyward server: cannot write dev.env: " + e.getMessage());
      return false;
    }
    env.lines().forEach(out::println);
    err.println("The same lines are in " + file.toAbsolutePath() + " (mode 0600).");
    return true;
  }

  private static void stopAndWait(KeywardServer server, CountDownLatch stopped) {
    try {
      await(server.stop().toCompletionStage().toCompletableFuture());
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "server did not stop cleanly within " + WAIT_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped.countDown();
    }
  }

  private static <T> T await(CompletableFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return await(future, WAIT_TIMEOUT);
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
