package org.keyward.server;

/**
 * A configuration value is missing, malformed or inconsistent. The message names the key and where
 * the value came from (file, environment variable, command line) and never quotes a secret.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
