package org.keyward.engine.kv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
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
    long seconds = time.getEpochSecond();
    // Every KV read renders times: years 1 to 9999 are built by hand (String.format and the
    // formatter cost a fifth of a read); others keep the formatter's signed, longer year.
    StringBuilder out = new StringBuilder(30);
    if (seconds >= FIRST_FAST_SECOND && seconds <= LAST_FAST_SECOND) {
      LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
      digits(out, t.getYear(), 4).append('-');
      digits(out, t.getMonthValue(), 2).append('-');
      digits(out, t.getDayOfMonth(), 2).append('T');
      digits(out, t.getHour(), 2).append(':');
      digits(out, t.getMinute(), 2).append(':');
      digits(out, t.getSecond(), 2);
    } else {
      out.append(SECONDS.format(time));
    }
    int nanos = time.getNano();
    if (nanos != 0) {
      int width = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        width--;
      }
      digits(out.append('.'), nanos, width);
    }
    return out.append('Z').toString();
  }

  /**
   * Reads a time as {@link Instant#toString()} stored it, e.g. {@code 2026-03-22T02:36:43.98Z}: the
   * common shape by hand, anything else (leap second, long year) by {@link Instant#parse}.
   *
   * @throws java.time.format.DateTimeParseException if it is no ISO-8601 instant
   */
  static Instant parse(String text) {
    int n = text.length();
    if (n < 20
        || n > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(n - 1) != 'Z') {
      return Instant.parse(text);
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 7);
    int day = number(text, 8, 10);
    int hour = number(text, 11, 13);
    int minute = number(text, 14, 16);
    int second = number(text, 17, 19);
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return Instant.parse(text);
      }
      nanos = number(text, 20, n - 1);
      for (int i = fraction; i < 9 && nanos >= 0; i++) {
        nanos *= 10;
      }
    } else if (text.charAt(19) != 'Z') {
      return Instant.parse(text);
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return Instant.parse(text);
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second, nanos);
  }

  private static final long FIRST_FAST_SECOND = -62_135_596_800L; // 0001-01-01T00:00:00Z
  private static final long LAST_FAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  /** The decimal digits of {@code text[from, to)}, or -1 if any is not a digit. */
  private static int number(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static StringBuilder digits(StringBuilder out, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(s);
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
