package org.keyward.server;

import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Points java.util.logging, which the server, Vert.x, Netty and (through slf4j-jdk14) hcl4j all log
 * to, at standard error: one line per record in the configured format, at the configured level.
 * Called once at start-up with the defaults, then again once the config is read.
 */
final class ServerLogging {
  /**
   * vertx-micrometer-metrics 5 registers its connection gauges again for each connection;
   * Micrometer ignores the duplicate and warns once (vert-x3/vertx-micrometer-metrics#259). The
   * gauge works; the warning on the first requests of a healthy server is dropped, any other kept.
   */
  private static final String MICROMETER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

  /** Loggers held here keep their levels (java.util.logging forgets unreferenced loggers). */
  private static final Logger ROOT = Logger.getLogger("");

  private static final Logger MICROMETER = Logger.getLogger(MICROMETER_REGISTRY);

  private ServerLogging() {}

  static synchronized void install(LogSettings settings) {
    for (Handler h : ROOT.getHandlers()) {
      ROOT.removeHandler(h);
      h.close();
    }
    StreamHandler handler = new FlushingHandler(System.err, new OneLineLogFormatter(settings));
    handler.setLevel(Level.ALL);
    ROOT.addHandler(handler);
    ROOT.setLevel(settings.level());
    MICROMETER.setFilter(
        record ->
            record.getMessage() == null
                || !(record.getMessage().startsWith("This Gauge has been already registered")
                    && record.getMessage().contains("name='vertx.")));
  }

  /** Reverts to the JDK's default set-up (tests that install and then leave). */
  static synchronized void reset() {
    LogManager.getLogManager().reset();
    try {
      LogManager.getLogManager().readConfiguration();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Flushes each record, so a line is out before the process may die. */
  private static final class FlushingHandler extends StreamHandler {
    FlushingHandler(PrintStream out, java.util.logging.Formatter formatter) {
      super(out, formatter);
      try {
        setEncoding(StandardCharsets.UTF_8.name());
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public synchronized void publish(java.util.logging.LogRecord record) {
      super.publish(record);
      flush();
    }

    @Override
    public synchronized void close() {
      flush(); // never close System.err
    }
  }
}
