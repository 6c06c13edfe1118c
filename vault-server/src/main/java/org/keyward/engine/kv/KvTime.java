package org.keyward.engine.kv;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders times and durations the way Vault's KV engine prints them, so clients that parse them
 * (Spring Vault, the CLI) see the same text: Go's RFC 3339 with nanoseconds and trailing zeros cut,
 * an empty string for "no time", and Go's duration text such as {@code 1h0m0s}.
 */
final class KvTime {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private KvTime() {}

  /** Go's {@code time.RFC3339Nano} in UTC; {@code ""} for null, as Vault prints an unset time. */
  static String format(Instant time) {
    if (time == null) {
      return "";
    }
    String base = SECONDS.format(time);
    int nanos = time.getNano();
    if (nanos == 0) {
      return base + "Z";
    }
    String fraction = String.format("%09d", nanos);
    int end = fraction.length();
    while (fraction.charAt(end - 1) == '0') {
      end--;
    }
    return base + "." + fraction.substring(0, end) + "Z";
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
