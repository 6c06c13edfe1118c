package org.keyward.server;

import java.util.Locale;

/**
 * Every key the server's config file may hold, with its default and the environment variable that
 * overrides it. README's configuration table lists exactly these (a test compares them), so a key
 * added here is documented or the build fails.
 */
public enum ConfigKey {
  LISTEN_ADDRESS("127.0.0.1:8200", "HOST:PORT the HTTPS listener binds (port 0: any free port)"),
  DATA_DIR("./keyward-data", "directory for TLS material, the SQLite file and the cluster id"),
  CLUSTER_NAME("keyward", "name reported by sys/health"),
  MAX_REQUEST_SIZE("1048576", "largest request body in bytes; larger bodies get 413"),
  TLS_CERT_FILE("", "PEM server certificate chain; empty: a self-made CA under DATA_DIR/tls/"),
  TLS_KEY_FILE("", "PEM (PKCS#8) private key of tls_cert_file; set both or neither"),
  TLS_ENGINE("", "TLS implementation of the listener: openssl or jdk; empty: openssl if it loads"),
  TLS_PKI_ROLE("", "PKI role the listener's own certificate is issued from; empty: off"),
  TLS_PKI_MOUNT("pki", "PKI mount that holds tls_pki_role"),
  TLS_PKI_COMMON_NAME("localhost", "common name of the listener's PKI certificate"),
  TLS_PKI_TTL("72h", "lifetime of the listener's PKI certificate; renewed at two thirds"),
  STORAGE("sqlite", "storage backend: sqlite or postgresql"),
  STORAGE_PATH("", "SQLite file; empty: DATA_DIR/keyward.db"),
  POSTGRES_URL("", "JDBC URL, required when storage = postgresql"),
  POSTGRES_USER("keyward", "PostgreSQL user"),
  POSTGRES_PASSWORD_FILE("", "file holding the PostgreSQL password; empty: no password"),
  DISABLE_CACHE("false", "true: read every storage entry from the database (no read cache)"),
  CACHE_SIZE("8192", "storage entries the read cache holds; one over 4 KiB counts per 4 KiB"),
  HSM_LIBRARY("/usr/lib/softhsm/libsofthsm2.so", "PKCS#11 module path"),
  HSM_TOKEN_LABEL("keyward", "label of the token holding the KEK"),
  HSM_PIN_FILE("", "file holding the token user PIN (env KEYWARD_HSM_PIN takes precedence)"),
  HSM_SESSIONS("4", "PKCS#11 sessions, and threads of the hsm worker pool"),
  INSECURE_SOFTWARE_KEYS("false", "keep the KEK in software instead of an HSM (development only)"),
  LOGIN_LOCKOUT_THRESHOLD("5", "failed logins of one identity that lock it out (1-1000)"),
  LOGIN_LOCKOUT_DURATION("900", "seconds a locked-out login identity stays locked out"),
  LOGIN_LOCKOUT_COUNTER_RESET("900", "seconds after the first failure that the count restarts"),
  HA_ENABLED("false", "one node of an HA cluster on a shared PostgreSQL (storage = postgresql)"),
  API_ADDR("", "https://HOST:PORT clients and other nodes reach this node at; needed for HA"),
  NODE_ID("", "this node's HA id; empty: made once and kept in DATA_DIR/node-id"),
  HA_TLS_CA_FILE("", "PEM CA of every node's listener certificate; empty: DATA_DIR/tls/ca.pem"),
  LOG_FORMAT("text", "log line format: text or json (one line per record either way)"),
  LOG_LEVEL("info", "least severe level logged: trace, debug, info, warn or error");

  private final String defaultValue;
  private final String description;

  ConfigKey(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The name used in the config file, e.g. {@code listen_address}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The environment variable that overrides the file, e.g. {@code KEYWARD_LISTEN_ADDRESS}. */
  public String envVar() {
    return "KEYWARD_" + name();
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The key named {@code key} in a config file, or null if there is none. */
  public static ConfigKey fromKey(String key) {
    for (ConfigKey k : values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    return null;
  }
}
