package org.keyward.server;

import java.util.Locale;
import java.util.logging.Level;

/**
 * How the server logs: {@code log_format} ({@code text} or {@code json}, as Vault's) and {@code
 * log_level} ({@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error}, as Vault's).
 */
public record LogSettings(Format format, Level level) {
  /** Text for people and journald, JSON for SIEMs; both one line per record. */
  public enum Format {
    TEXT,
    JSON
  }

  public static final LogSettings DEFAULT = new LogSettings(Format.TEXT, Level.INFO);

  /** True if stack traces are logged for every record, not only for errors. */
  public boolean debug() {
    return level.intValue() <= Level.FINE.intValue();
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  static Format format(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "text":
        return Format.TEXT;
      case "json":
        return Format.JSON;
      default:
        throw new IllegalArgumentException("expected text or json, got '" + value + "'");
    }
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  static Level level(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "trace":
        return Level.FINEST;
      case "debug":
        return Level.FINE;
      case "info":
        return Level.INFO;
      case "warn":
        return Level.WARNING;
      case "error":
        return Level.SEVERE;
      default:
        throw new IllegalArgumentException(
            "expected trace, debug, info, warn or error, got '" + value + "'");
    }
  }

  /** Vault's name of a java.util.logging level. */
  static String name(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "error";
    }
    if (v >= Level.WARNING.intValue()) {
      return "warn";
    }
    if (v >= Level.INFO.intValue()) {
      return "info";
    }
    return v >= Level.FINE.intValue() ? "debug" : "trace";
  }
}
