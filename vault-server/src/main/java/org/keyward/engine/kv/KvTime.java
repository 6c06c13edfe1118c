package org.keyward.engine.kv;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Renders times and durations the way Vault's KV engine prints them, so clients that parse them
 * (Spring Vault, the CLI) see the same text: Go's RFC 3339 with nanoseconds and trailing zeros cut,
 * an empty string for "no time", and Go's duration text such as {@code 1h0m0s}.
 */
final class KvTime {
  private KvTime() {}

  /** Go's {@code time.RFC3339Nano} in UTC; {@code ""} for null, as Vault prints an unset time. */
  static String format(Instant time) {
    if (time == null) {
      return "";
    }
    // ISO_INSTANT prints the fraction in groups of three digits; Go cuts every trailing zero.
    String iso = DateTimeFormatter.ISO_INSTANT.format(time);
    if (time.getNano() == 0) {
      return iso;
    }
    int end = iso.length() - 1;
    while (iso.charAt(end - 1) == '0') {
      end--;
    }
    return iso.substring(0, end) + "Z";
  }

  /**
   * Reads a time as {@link Instant#toString()} stored it, e.g. {@code 2026-03-22T02:36:43.98Z}.
   *
   * @throws java.time.format.DateTimeParseException if it is no ISO-8601 instant
   */
  static Instant parse(String text) {
    return Instant.parse(text);
  }

  /** Go's {@code time.Duration.String()} for whole seconds, e.g. {@code 0s}, {@code 1h30m0s}. */
  static String goDuration(long seconds) {
    long hours = seconds / 3600;
    long minutes = (seconds % 3600) / 60;
    long rest = seconds % 60;
    if (hours > 0) {
      return hours + "h" + minutes + "m" + rest + "s";
    }
    if (minutes > 0) {
      return minutes + "m" + rest + "s";
    }
    return rest + "s";
  }
}
