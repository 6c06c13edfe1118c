package org.keyward.server;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Renders a log record as exactly one line, so journald and SIEMs see one entry per record: text
 * ({@code 2026-12-07T15:14:25.123Z [INFO] org.keyward.barrier.VaultSeal: unsealed}) or JSON with
 * Vault's field names ({@code @timestamp}, {@code @level}, {@code @module}, {@code @message}). Line
 * breaks in a message are escaped, which also keeps a client-chosen string from forging a record.
 * An exception adds its class and message chain; its stack trace is added (as one field, frames
 * separated by {@code " | "}) for errors, and for every record at debug level.
 */
final class OneLineLogFormatter extends Formatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_FRAMES = 64;

  private final LogSettings settings;

  OneLineLogFormatter(LogSettings settings) {
    this.settings = settings;
  }

  @Override
  public String format(LogRecord record) {
    String time = TIME.format(Instant.ofEpochMilli(record.getMillis()));
    String level = LogSettings.name(record.getLevel());
    String message = formatMessage(record);
    Throwable thrown = record.getThrown();
    boolean withStack =
        thrown != null
            && (settings.debug() || record.getLevel().intValue() >= Level.SEVERE.intValue());
    if (settings.format() == LogSettings.Format.JSON) {
      JsonObject line =
          new JsonObject()
              .put("@timestamp", time)
              .put("@level", level)
              .put("@module", record.getLoggerName())
              .put("@message", message);
      if (thrown != null) {
        line.put("error", causes(thrown));
      }
      if (withStack) {
        line.put("stack", stack(thrown));
      }
      return line.encode() + System.lineSeparator();
    }
    StringBuilder out =
        new StringBuilder(time)
            .append(" [")
            .append(level.toUpperCase(java.util.Locale.ROOT))
            .append("] ")
            .append(record.getLoggerName())
            .append(": ")
            .append(oneLine(message));
    if (thrown != null) {
      out.append(": error=").append(oneLine(causes(thrown)));
    }
    if (withStack) {
      out.append(" stack=").append(oneLine(stack(thrown)));
    }
    return out.append(System.lineSeparator()).toString();
  }

  /** {@code Class: message <- Cause: message}, outermost first. */
  static String causes(Throwable thrown) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (Throwable t = thrown; t != null && depth < 8; t = t.getCause(), depth++) {
      if (depth > 0) {
        out.append(" <- ");
      }
      out.append(t.getClass().getName());
      if (t.getMessage() != null) {
        out.append(": ").append(t.getMessage());
      }
    }
    return out.toString();
  }

  private static String stack(Throwable thrown) {
    StringBuilder out = new StringBuilder();
    StackTraceElement[] frames = thrown.getStackTrace();
    for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
      if (i > 0) {
        out.append(" | ");
      }
      out.append(frames[i]);
    }
    if (frames.length > MAX_FRAMES) {
      out.append(" | ... ").append(frames.length - MAX_FRAMES).append(" more");
    }
    return out.toString();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
