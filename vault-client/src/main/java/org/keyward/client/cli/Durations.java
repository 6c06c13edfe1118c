package org.keyward.client.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the {@code vault} CLI takes them: {@code 90}, {@code 90s}, {@code 15m}, {@code 24h}.
 */
final class Durations {
  private static final Pattern SHAPE = Pattern.compile("([0-9]{1,9})([smhd]?)");

  private Durations() {}

  static Duration parse(String text) {
    Matcher m = SHAPE.matcher(text.strip());
    if (!m.matches()) {
      throw new UsageException("not a duration (e.g. 90s, 15m, 24h): " + text);
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        return Duration.ofSeconds(n);
    }
  }
}
