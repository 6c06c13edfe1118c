package org.keyward.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything the process logs while installed, at the most verbose level: every {@code
 * java.util.logging} record (where {@code System.Logger}, Vert.x and Netty end up when, as here, no
 * SLF4J provider is present) formatted with its parameters and the full stack trace of its cause,
 * and everything written to {@code System.out} and {@code System.err} (also passed on). {@link
 * #close} puts the levels and streams back.
 */
final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
  private final List<String> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
          if (logger.startsWith("jdk.internal.httpclient") || logger.startsWith("jdk.httpclient")) {
            return; // the test's own HTTP client, which logs the URLs it sends; not the server
          }
          StringBuilder line =
              new StringBuilder()
                  .append(record.getLevel())
                  .append(' ')
                  .append(record.getLoggerName())
                  .append(": ")
                  .append(formatter.formatMessage(record));
          if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
          }
          synchronized (records) {
            records.add(line.toString());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {}

  static LogCapture install() {
    LogCapture c = new LogCapture();
    c.handler.setLevel(Level.ALL);
    c.root.addHandler(c.handler);
    c.root.setLevel(Level.ALL);
    System.setOut(new PrintStream(c.tee(c.out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(c.tee(c.err), true, StandardCharsets.UTF_8));
    return c;
  }

  private OutputStream tee(PrintStream original) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (streams) {
          streams.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (streams) {
          streams.write(b, off, len);
        }
        original.write(b, off, len);
      }
    };
  }

  /** Every log record so far, one string each (a record with a cause spans several lines). */
  List<String> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** Everything written to stdout and stderr so far. */
  String streams() {
    synchronized (streams) {
      return streams.toString(StandardCharsets.UTF_8);
    }
  }

  /** How many records are at {@link Level#FINE} or finer: proof the verbose level took effect. */
  long verboseRecords() {
    synchronized (records) {
      return records.stream()
          .filter(r -> r.startsWith("FINE") || r.startsWith("FINER") || r.startsWith("FINEST"))
          .count();
    }
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(rootLevel);
    System.setOut(out);
    System.setErr(err);
  }
}
