package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class OneLineLogFormatterTest {
  private static final LogSettings TEXT_INFO = LogSettings.DEFAULT;
  private static final LogSettings TEXT_DEBUG =
      new LogSettings(LogSettings.Format.TEXT, Level.FINE);
  private static final LogSettings JSON_INFO = new LogSettings(LogSettings.Format.JSON, Level.INFO);

  private static LogRecord record(Level level, String message, Throwable thrown) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName("org.keyward.test");
    r.setMillis(1_765_000_000_123L);
    r.setThrown(thrown);
    return r;
  }

  private static String format(LogSettings settings, LogRecord r) {
    String line = new OneLineLogFormatter(settings).format(r);
    assertTrue(line.endsWith(System.lineSeparator()), line);
    String body = line.substring(0, line.length() - System.lineSeparator().length());
    assertFalse(body.contains("\n") || body.contains("\r"), "one line: " + line);
    return body;
  }

  private static Exception nested() {
    return new IllegalStateException("outer", new java.io.IOException("inner\nsecond line"));
  }

  @Test
  void format_text_isVaultsShapeOnOneLine() {
    assertEquals(
        "2025-12-06T05:46:40.123Z [INFO] org.keyward.test: vault unsealed",
        format(TEXT_INFO, record(Level.INFO, "vault unsealed", null)));
  }

  @Test
  void format_messageWithLineBreaks_isEscapedSoNoRecordCanBeForged() {
    String line =
        format(TEXT_INFO, record(Level.WARNING, "a\n2025-01-01T00:00:00Z [ERROR] fake", null));
    assertTrue(line.contains("a\\n2025-01-01T00:00:00Z [ERROR] fake"), line);
  }

  @Test
  void format_clientErrorAtInfo_hasCausesButNoStackTrace() {
    String line = format(TEXT_INFO, record(Level.FINE, "request r refused as 400", nested()));
    assertTrue(
        line.endsWith(
            "error=java.lang.IllegalStateException: outer <- java.io.IOException: inner\\nsecond line"),
        line);
    assertFalse(line.contains("stack="), line);
  }

  @Test
  void format_atDebugLevel_addsTheStackTraceOnTheSameLine() {
    String line = format(TEXT_DEBUG, record(Level.FINE, "refused", nested()));
    assertTrue(line.contains(" stack=org.keyward.server.OneLineLogFormatterTest.nested("), line);
  }

  @Test
  void format_serverError_keepsItsStackTraceAtInfo() {
    String line = format(TEXT_INFO, record(Level.SEVERE, "request r failed", nested()));
    assertTrue(line.contains(" stack="), line);
  }

  @Test
  void format_json_usesVaultsFieldNames() {
    JsonObject line =
        new JsonObject(format(JSON_INFO, record(Level.WARNING, "slow\nstorage", nested())));
    assertEquals(
        Map.of(
            "@timestamp", "2025-12-06T05:46:40.123Z",
            "@level", "warn",
            "@module", "org.keyward.test",
            "@message", "slow\nstorage",
            "error",
                "java.lang.IllegalStateException: outer <- java.io.IOException: inner\nsecond line"),
        line.getMap());
  }
}
