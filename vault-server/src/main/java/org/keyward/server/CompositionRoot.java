package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.keyward.auth.LoginLockout;
import org.keyward.barrier.HsmGateway;
import org.keyward.hsm.HsmCallListener;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.pkcs11.PinSource;
import org.keyward.hsm.pkcs11.Pkcs11Config;
import org.keyward.hsm.pkcs11.Pkcs11KeyProvider;
import org.keyward.hsm.software.InsecureSoftwareKeyProvider;
import org.keyward.storage.CachingStorage;
import org.keyward.storage.Storage;
import org.keyward.storage.postgres.PasswordSource;
import org.keyward.storage.postgres.PostgresClusterId;
import org.keyward.storage.postgres.PostgresOptions;
import org.keyward.storage.postgres.PostgresStorage;
import org.keyward.storage.sqlite.SqliteStorage;
import org.keyward.sys.HaStatus;
import org.keyward.sys.NodeIdentity;

/**
 * Where the server's parts are chosen from the configuration: the key provider, the storage, and
 * the vault built on them. Dev mode adds initialisation with the dev root token.
 */
public final class CompositionRoot {
  /** How often a down HSM is pinged; with the adapter's backoff this bounds its return to 10 s. */
  static final Duration HSM_PROBE_INTERVAL = Duration.ofSeconds(1);

  private CompositionRoot() {}

  /**
   * The parts of a server configured by {@code config}; with {@code devRootToken} present, the
   * vault is initialised (or unsealed) and that token made root before the listener binds.
   */
  static KeywardServer.PartsFactory parts(
      ServerConfig config,
      Map<String, String> env,
      NodeIdentity node,
      Clock clock,
      Optional<String> devRootToken) {
    return (vertx, metrics) -> {
      // One thread per token session, so HSM calls (transit HSM keys, CA signing) can use every
      // session. The seal still serializes its own calls.
      HsmGateway hsm =
          new HsmGateway(
              vertx,
              keyProvider(config, env, metrics.hsmCallListener()),
              config.hsmSessions(),
              HSM_PROBE_INTERVAL);
      metrics.watchHsm(hsm::isUp);
      if (config.ha().enabled()) {
        return haParts(vertx, metrics, config, hsm, node, clock);
      }
      return storage(vertx, config)
          .map(storage -> readCached(storage, config, metrics))
          .compose(
              storage ->
                  KeywardVault.open(
                          vertx,
                          storage,
                          hsm,
                          config.dataDir().resolve("audit"),
                          node,
                          loginLockout(config.loginLockout(), clock),
                          clock,
                          HaStatus.NONE)
                      .recover(
                          e -> {
                            storage.close();
                            return Future.failedFuture(e);
                          }))
          .compose(
              vault -> {
                vault.snapshots().registerMetrics(metrics.registry());
                Future<Void> ready =
                    devRootToken.map(vault::initializeForDev).orElse(Future.succeededFuture());
                PkiMetrics.bind(metrics.registry(), vault);
                return ready
                    .map(v -> ListenerCertificateRenewal.attach(vertx, config, vault, clock))
                    .recover(e -> vault.close().transform(ignored -> Future.failedFuture(e)));
              })
          .onFailure(e -> vertx.executeBlocking(() -> closeQuietly(hsm), false));
    };
  }

  private static Void closeQuietly(HsmGateway hsm) {
    hsm.close();
    return null;
  }

  /**
   * An HA node: PostgreSQL storage fenced by the leader lease, the vault started sealed (it unseals
   * once it leads), and a shutdown that frees the lease first so a standby takes over at once.
   */
  private static Future<ServerParts> haParts(
      Vertx vertx,
      KeywardMetrics metrics,
      ServerConfig config,
      HsmGateway hsm,
      NodeIdentity node,
      Clock clock) {
    String nodeId = config.ha().nodeId().orElseGet(() -> NodeId.loadOrCreate(config.dataDir()));
    PostgresOptions options = postgresOptions(config);
    return PostgresStorage.open(vertx, options)
        .compose(
            storage ->
                HaAssembly.open(vertx, config, storage, options, nodeId)
                    .compose(
                        ha ->
                            KeywardVault.open(
                                    vertx,
                                    readCached(storage, config, metrics),
                                    hsm,
                                    config.dataDir().resolve("audit"),
                                    node,
                                    loginLockout(config.loginLockout(), clock),
                                    clock,
                                    ha.election())
                                .map(
                                    vault -> {
                                      ha.start(vault, metrics.registry());
                                      ServerParts parts =
                                          ListenerCertificateRenewal.attach(
                                              vertx, config, vault, clock, ha.filters());
                                      return withShutdownFirst(parts, ha::stop);
                                    }))
                    .recover(
                        e -> {
                          storage.close();
                          return Future.failedFuture(e);
                        }))
        .onFailure(e -> vertx.executeBlocking(() -> closeQuietly(hsm), false));
  }

  private static ServerParts withShutdownFirst(
      ServerParts parts, java.util.function.Supplier<Future<Void>> first) {
    return new ServerParts(
        parts.seal(),
        parts.standby(),
        parts.authenticator(),
        parts.authorizer(),
        parts.audit(),
        parts.lookup(),
        () -> first.get().eventually(() -> parts.shutdown().get()),
        parts.listening(),
        parts.filters());
  }

  static LoginLockout loginLockout(ServerConfig.LoginLockoutSettings settings, Clock clock) {
    return new LoginLockout(
        settings.threshold(),
        settings.counterReset(),
        settings.duration(),
        LoginLockout.DEFAULT_CAPACITY,
        clock);
  }

  /**
   * The configured key provider. A PKCS#11 token is opened lazily, so a missing or unplugged HSM
   * leaves the server up and sealed until it appears; the insecure software provider only with
   * {@code insecure_software_keys = true}, and it warns at every start.
   */
  static KeyProvider keyProvider(
      ServerConfig config, Map<String, String> env, HsmCallListener listener) {
    if (config.insecureSoftwareKeys()) {
      try {
        return InsecureSoftwareKeyProvider.open(config.dataDir().resolve("insecure-keys"), true);
      } catch (HsmException e) {
        throw new ConfigException(e.getMessage(), e);
      }
    }
    PinSource pin = pinSource(config, env);
    Pkcs11Config pkcs11 =
        new Pkcs11Config(
            config.hsmLibrary(), config.hsmTokenLabel(), pin, config.hsmSessions(), listener);
    return new LazyKeyProvider(
        "pkcs11 token '" + config.hsmTokenLabel() + "'", () -> Pkcs11KeyProvider.open(pkcs11));
  }

  private static PinSource pinSource(ServerConfig config, Map<String, String> env) {
    String fromEnv = env.get(ServerConfig.HSM_PIN_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return PinSource.environment(ServerConfig.HSM_PIN_ENV);
    }
    return config
        .hsmPinFile()
        .map(PinSource::file)
        .orElseThrow(
            () ->
                new ConfigException(
                    "no HSM PIN: set hsm_pin_file or the environment variable "
                        + ServerConfig.HSM_PIN_ENV));
  }

  /**
   * {@code storage} behind the read cache, unless disable_cache is set. The vault makes the cache
   * serve only while this node is unsealed (and so, with HA, the active node, the only writer).
   */
  private static Storage readCached(Storage storage, ServerConfig config, KeywardMetrics metrics) {
    if (config.storageCacheSize() == 0) {
      return storage;
    }
    CachingStorage cache = new CachingStorage(storage, config.storageCacheSize());
    StorageCacheMetrics.bind(metrics.registry(), cache);
    return cache;
  }

  static Future<? extends Storage> storage(Vertx vertx, ServerConfig config) {
    if (config.storage() == ServerConfig.StorageKind.SQLITE) {
      return SqliteStorage.openFile(vertx, config.storagePath());
    }
    return PostgresStorage.open(vertx, postgresOptions(config));
  }

  private static PostgresOptions postgresOptions(ServerConfig config) {
    PasswordSource password =
        config.postgresPasswordFile().map(PasswordSource::file).orElse(PasswordSource.none());
    return PostgresOptions.of(config.postgresUrl(), config.postgresUser(), password, "keyward");
  }

  /** What start-up reads or makes on disk before the listener binds. */
  public record Prepared(TlsFiles tls, NodeIdentity node) {}

  /**
   * Prepares the data directory, TLS material and cluster id (with HA, the one the cluster shares
   * in PostgreSQL): blocking, so call it before Vert.x runs. Fails with a message naming the file
   * or database that could not be read or written.
   */
  public static Prepared prepare(ServerConfig config, Clock clock) {
    try {
      OwnerOnlyFiles.createPrivateDirectory(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data_dir " + config.dataDir(), e);
    }
    TlsFiles tls =
        config.tlsCertFile().isPresent()
            ? new TlsFiles(config.tlsCertFile().get(), config.tlsKeyFile().get(), Optional.empty())
            : new SelfMadeTls(config.dataDir().resolve("tls"), clock)
                .ensure(config.listenAddress().host());
    String clusterId = ClusterId.loadOrCreate(config.dataDir());
    if (config.ha().enabled()) {
      try {
        clusterId = PostgresClusterId.adopt(postgresOptions(config), clusterId);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot read the HA cluster id from PostgreSQL at "
                + config.postgresUrl()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    NodeIdentity node = new NodeIdentity(BuildInfo.VERSION, config.clusterName(), clusterId);
    return new Prepared(tls, node);
  }
}
