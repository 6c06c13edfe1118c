package org.keyward.storage.postgres;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@link PostgresStorage} keeps its rows: a JDBC URL without credentials, the user, where the
 * password comes from, the schema holding table {@code keyward_entries}, and how many connections
 * (each on its own worker thread) to hold. Holds no secret, so {@code toString()} is safe to log.
 */
public record PostgresOptions(
    String jdbcUrl, String user, PasswordSource password, String schema, int poolSize) {
  public static final int DEFAULT_POOL_SIZE = 4;
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public PostgresOptions {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("PostgreSQL JDBC URL must start with jdbc:postgresql:");
    }
    if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
      // The URL ends up in logs and config dumps; the password belongs in a PasswordSource.
      throw new IllegalArgumentException(
          "PostgreSQL JDBC URL must not hold a password; use an environment variable or file");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("PostgreSQL user is empty");
    }
    Objects.requireNonNull(password, "password source");
    if (schema == null || !SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "PostgreSQL schema must be 1..63 lower-case letters, digits or '_', not starting with a"
              + " digit");
    }
    if (poolSize < 1 || poolSize > 64) {
      throw new IllegalArgumentException("PostgreSQL pool size must be 1..64");
    }
  }

  public static PostgresOptions of(
      String jdbcUrl, String user, PasswordSource password, String schema) {
    return new PostgresOptions(jdbcUrl, user, password, schema, DEFAULT_POOL_SIZE);
  }

  /** The schema-qualified table name; safe to splice into SQL because the schema was checked. */
  String table() {
    return "\"" + schema + "\".keyward_entries";
  }
}
