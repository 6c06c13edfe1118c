package org.keyward.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.keyward.http.Fields;

/**
 * The server's settings, resolved once at start-up from, in rising precedence: each key's default,
 * one config file in {@link Properties} syntax ({@code key = value}), an environment variable
 * {@code KEYWARD_<KEY>} per key, and command-line flags (dev mode). Every value is checked here, so
 * a bad one stops the server before it binds anything, with a message naming the key and where the
 * value came from. Holds no secret: the HSM PIN and the PostgreSQL password are read from their
 * files (or {@code KEYWARD_HSM_PIN}) only when needed.
 */
public record ServerConfig(
    ListenAddress listenAddress,
    Path dataDir,
    String clusterName,
    long maxRequestSize,
    Optional<Path> tlsCertFile,
    Optional<Path> tlsKeyFile,
    Optional<TlsEngine> tlsEngine,
    StorageKind storage,
    Path storagePath,
    String postgresUrl,
    String postgresUser,
    Optional<Path> postgresPasswordFile,
    int storageCacheSize,
    Path hsmLibrary,
    String hsmTokenLabel,
    Optional<Path> hsmPinFile,
    int hsmSessions,
    boolean insecureSoftwareKeys,
    LoginLockoutSettings loginLockout,
    Optional<ListenerPkiSettings> tlsPki,
    HaSettings ha,
    LogSettings logging) {

  /** The environment variable that holds the HSM user PIN itself; wins over hsm_pin_file. */
  public static final String HSM_PIN_ENV = "KEYWARD_HSM_PIN";

  static final long MAX_REQUEST_SIZE_CEILING = 64L * 1024 * 1024;

  /** Largest cache_size: 16 Mi entries, at most 64 GiB of rows; beyond that, size the heap. */
  static final long CACHE_SIZE_CEILING = 1L << 24;

  /**
   * Failed-login lockout of AppRole and cert logins, per canonical identity.
   *
   * @param threshold failures within {@code counterReset} that lock an identity out
   */
  public record LoginLockoutSettings(int threshold, Duration duration, Duration counterReset) {}

  /**
   * High availability: several nodes on one PostgreSQL database, one active.
   *
   * @param apiAddr the https URL of this node's listener as the others reach it (empty without HA)
   * @param nodeId the configured node id; empty: the one kept in the data directory
   * @param tlsCaFile the CA of the nodes' listener certificates; empty: the self-made one
   */
  public record HaSettings(
      boolean enabled, String apiAddr, Optional<String> nodeId, Optional<Path> tlsCaFile) {
    public static final HaSettings OFF =
        new HaSettings(false, "", Optional.empty(), Optional.empty());
  }

  /** The storage backends. */
  public enum StorageKind {
    SQLITE,
    POSTGRESQL
  }

  /**
   * Layers, lowest first: each key's default, {@code modeDefaults} (dev mode's), {@code file} (null
   * for none), {@code env} ({@code KEYWARD_<KEY>}), {@code flags}.
   *
   * @throws ConfigException if the file cannot be read, holds an unknown key, or any value is bad
   */
  public static ServerConfig load(
      Path file,
      Map<ConfigKey, String> modeDefaults,
      Map<String, String> env,
      Map<ConfigKey, String> flags) {
    Properties props = new Properties();
    String origin = "defaults";
    if (file != null) {
      origin = "config file " + file;
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (NoSuchFileException e) {
        throw new ConfigException(origin + " does not exist", e);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("cannot read " + origin + ": " + e.getMessage(), e);
      }
    }
    return resolve(modeDefaults, props, origin, env, flags);
  }

  /** Resolves already-loaded file properties; {@code origin} names the file in messages. */
  static ServerConfig resolve(
      Map<ConfigKey, String> modeDefaults,
      Properties file,
      String origin,
      Map<String, String> env,
      Map<ConfigKey, String> flags) {
    Map<ConfigKey, Sourced> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey k : ConfigKey.values()) {
      values.put(k, new Sourced(k.defaultValue(), "the default"));
    }
    modeDefaults.forEach((k, v) -> values.put(k, new Sourced(v, "the dev-mode default")));
    for (String name : file.stringPropertyNames()) {
      ConfigKey k = ConfigKey.fromKey(name.trim());
      if (k == null) {
        throw new ConfigException(origin + ": unknown key '" + name + "'");
      }
      values.put(k, new Sourced(file.getProperty(name).trim(), origin));
    }
    for (ConfigKey k : ConfigKey.values()) {
      String v = env.get(k.envVar());
      if (v != null) {
        values.put(k, new Sourced(v.trim(), "environment variable " + k.envVar()));
      }
    }
    flags.forEach((k, v) -> values.put(k, new Sourced(v.trim(), "the command line")));
    return new Parser(values).config();
  }

  /** The SQLite file, or the JDBC URL for PostgreSQL, for log lines. */
  public String storageDescription() {
    return storage == StorageKind.SQLITE ? "sqlite " + storagePath : "postgresql " + postgresUrl;
  }

  /**
   * The HSM user PIN: {@code KEYWARD_HSM_PIN} if set, else the first line of hsm_pin_file.
   *
   * @throws ConfigException if neither is set or the file cannot be read (message without the PIN)
   */
  public char[] readHsmPin(Map<String, String> env) {
    String fromEnv = env.get(HSM_PIN_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    Path file =
        hsmPinFile.orElseThrow(
            () -> new ConfigException("no HSM PIN: set hsm_pin_file or " + HSM_PIN_ENV));
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      String line = content.lines().findFirst().orElse("").trim();
      if (line.isEmpty()) {
        throw new ConfigException("hsm_pin_file " + file + " is empty");
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new ConfigException("cannot read hsm_pin_file " + file, e);
    }
  }

  private record Sourced(String value, String origin) {}

  /** Turns the layered strings into typed values, naming key and origin on every failure. */
  private static final class Parser {
    private final Map<ConfigKey, Sourced> values;

    Parser(Map<ConfigKey, Sourced> values) {
      this.values = values;
    }

    ServerConfig config() {
      Path dataDir = path(ConfigKey.DATA_DIR);
      Optional<Path> cert = optionalPath(ConfigKey.TLS_CERT_FILE);
      Optional<Path> key = optionalPath(ConfigKey.TLS_KEY_FILE);
      if (cert.isPresent() != key.isPresent()) {
        throw new ConfigException("tls_cert_file and tls_key_file must be set together");
      }
      StorageKind storage = storage();
      String postgresUrl = raw(ConfigKey.POSTGRES_URL);
      if (storage == StorageKind.POSTGRESQL && !postgresUrl.startsWith("jdbc:postgresql:")) {
        throw bad(
            ConfigKey.POSTGRES_URL,
            "a jdbc:postgresql: URL is required when storage is postgresql");
      }
      Optional<Path> storagePath = optionalPath(ConfigKey.STORAGE_PATH);
      return new ServerConfig(
          listenAddress(),
          dataDir,
          nonEmpty(ConfigKey.CLUSTER_NAME),
          longIn(ConfigKey.MAX_REQUEST_SIZE, 1, MAX_REQUEST_SIZE_CEILING),
          cert,
          key,
          tlsEngine(),
          storage,
          storagePath.orElse(dataDir.resolve("keyward.db")),
          postgresUrl,
          nonEmpty(ConfigKey.POSTGRES_USER),
          optionalPath(ConfigKey.POSTGRES_PASSWORD_FILE),
          storageCacheSize(),
          path(ConfigKey.HSM_LIBRARY),
          nonEmpty(ConfigKey.HSM_TOKEN_LABEL),
          optionalPath(ConfigKey.HSM_PIN_FILE),
          (int) longIn(ConfigKey.HSM_SESSIONS, 1, 64),
          bool(ConfigKey.INSECURE_SOFTWARE_KEYS),
          new LoginLockoutSettings(
              (int) longIn(ConfigKey.LOGIN_LOCKOUT_THRESHOLD, 1, 1000),
              Duration.ofSeconds(longIn(ConfigKey.LOGIN_LOCKOUT_DURATION, 0, 86_400L * 365)),
              Duration.ofSeconds(longIn(ConfigKey.LOGIN_LOCKOUT_COUNTER_RESET, 1, 86_400L * 365))),
          tlsPki(),
          ha(storage),
          logging());
    }

    /** The read cache's size in entries, or 0 with disable_cache = true. */
    private int storageCacheSize() {
      int size = (int) longIn(ConfigKey.CACHE_SIZE, 1, CACHE_SIZE_CEILING);
      return bool(ConfigKey.DISABLE_CACHE) ? 0 : size;
    }

    private static final java.util.regex.Pattern NODE_ID =
        java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** HA settings; contradictory combinations name the key that does not fit. */
    private HaSettings ha(StorageKind storage) {
      boolean enabled = bool(ConfigKey.HA_ENABLED);
      String apiAddr = raw(ConfigKey.API_ADDR);
      String nodeId = raw(ConfigKey.NODE_ID);
      Optional<Path> caFile = optionalPath(ConfigKey.HA_TLS_CA_FILE);
      if (!apiAddr.isEmpty()) {
        java.net.URI uri;
        try {
          uri = new java.net.URI(apiAddr);
        } catch (java.net.URISyntaxException e) {
          throw bad(ConfigKey.API_ADDR, "expected https://HOST:PORT, got '" + apiAddr + "'");
        }
        if (!"https".equals(uri.getScheme())
            || uri.getHost() == null
            || uri.getPort() <= 0
            || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
            || uri.getRawQuery() != null
            || uri.getRawUserInfo() != null) {
          throw bad(ConfigKey.API_ADDR, "expected https://HOST:PORT, got '" + apiAddr + "'");
        }
      }
      if (!nodeId.isEmpty() && !NODE_ID.matcher(nodeId).matches()) {
        throw bad(ConfigKey.NODE_ID, "expected 1 to 64 letters, digits, '.', '_' or '-'");
      }
      if (!enabled) {
        if (!nodeId.isEmpty()) {
          throw bad(ConfigKey.NODE_ID, "only used with ha_enabled = true");
        }
        if (caFile.isPresent()) {
          throw bad(ConfigKey.HA_TLS_CA_FILE, "only used with ha_enabled = true");
        }
        return new HaSettings(false, apiAddr, Optional.empty(), Optional.empty());
      }
      if (storage != StorageKind.POSTGRESQL) {
        throw bad(ConfigKey.HA_ENABLED, "requires storage = postgresql");
      }
      if (apiAddr.isEmpty()) {
        throw bad(ConfigKey.API_ADDR, "required when ha_enabled = true");
      }
      return new HaSettings(
          true, apiAddr, nodeId.isEmpty() ? Optional.empty() : Optional.of(nodeId), caFile);
    }

    private LogSettings logging() {
      LogSettings.Format format;
      try {
        format = LogSettings.format(raw(ConfigKey.LOG_FORMAT));
      } catch (IllegalArgumentException e) {
        throw bad(ConfigKey.LOG_FORMAT, e.getMessage());
      }
      try {
        return new LogSettings(format, LogSettings.level(raw(ConfigKey.LOG_LEVEL)));
      } catch (IllegalArgumentException e) {
        throw bad(ConfigKey.LOG_LEVEL, e.getMessage());
      }
    }

    /** The listener's PKI certificate settings; absent unless tls_pki_role is set. */
    private Optional<ListenerPkiSettings> tlsPki() {
      String role = raw(ConfigKey.TLS_PKI_ROLE);
      if (role.isEmpty()) {
        return Optional.empty();
      }
      long ttl = Fields.parseDuration(raw(ConfigKey.TLS_PKI_TTL));
      if (ttl < ListenerPkiSettings.MIN_TTL.toSeconds()) {
        throw bad(ConfigKey.TLS_PKI_TTL, "expected a duration of at least 2s, such as 72h");
      }
      try {
        return Optional.of(
            new ListenerPkiSettings(
                nonEmpty(ConfigKey.TLS_PKI_MOUNT),
                role,
                nonEmpty(ConfigKey.TLS_PKI_COMMON_NAME),
                Duration.ofSeconds(ttl)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }

    private String raw(ConfigKey k) {
      return values.get(k).value();
    }

    private ConfigException bad(ConfigKey k, String problem) {
      return new ConfigException(k.key() + " (from " + values.get(k).origin() + "): " + problem);
    }

    private String nonEmpty(ConfigKey k) {
      String v = raw(k);
      if (v.isEmpty()) {
        throw bad(k, "must not be empty");
      }
      return v;
    }

    private ListenAddress listenAddress() {
      try {
        return ListenAddress.parse(raw(ConfigKey.LISTEN_ADDRESS));
      } catch (IllegalArgumentException e) {
        throw bad(ConfigKey.LISTEN_ADDRESS, e.getMessage());
      }
    }

    private Path path(ConfigKey k) {
      return Path.of(nonEmpty(k));
    }

    private Optional<Path> optionalPath(ConfigKey k) {
      String v = raw(k);
      return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
    }

    private long longIn(ConfigKey k, long min, long max) {
      long n;
      try {
        n = Long.parseLong(raw(k));
      } catch (NumberFormatException e) {
        throw bad(k, "expected a whole number, got '" + raw(k) + "'");
      }
      if (n < min || n > max) {
        throw bad(k, "must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    }

    private boolean bool(ConfigKey k) {
      switch (raw(k).toLowerCase(Locale.ROOT)) {
        case "true":
          return true;
        case "false":
          return false;
        default:
          throw bad(k, "expected true or false, got '" + raw(k) + "'");
      }
    }

    /** The listener's TLS implementation; empty: the default (see ListenerTlsEngine). */
    private Optional<TlsEngine> tlsEngine() {
      String v = raw(ConfigKey.TLS_ENGINE);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      for (TlsEngine engine : TlsEngine.values()) {
        if (engine.key().equals(v)) {
          return Optional.of(engine);
        }
      }
      throw bad(ConfigKey.TLS_ENGINE, "expected openssl or jdk, got '" + v + "'");
    }

    private StorageKind storage() {
      switch (raw(ConfigKey.STORAGE)) {
        case "sqlite":
          return StorageKind.SQLITE;
        case "postgresql":
          return StorageKind.POSTGRESQL;
        default:
          throw bad(
              ConfigKey.STORAGE,
              "expected sqlite or postgresql, got '" + raw(ConfigKey.STORAGE) + "'");
      }
    }
  }
}
