package org.keyward.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the lines of one audit file as exact bytes (no charset decoding, newline stripped) with one
 * line of look-ahead, and says whether the last line lacked its newline. Blocking.
 */
final class AuditLineReader implements AutoCloseable {
  /** One line; {@code complete} is false for a last line without a newline. */
  record Line(byte[] bytes, boolean complete, long number) {}

  private final InputStream in;
  private Line peeked;
  private long number;

  AuditLineReader(Path file) throws IOException {
    this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  Line next() throws IOException {
    if (peeked != null) {
      Line l = peeked;
      peeked = null;
      return l;
    }
    return read();
  }

  Line peek() throws IOException {
    if (peeked == null) {
      peeked = read();
    }
    return peeked;
  }

  private Line read() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        return new Line(line.toByteArray(), true, ++number);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : new Line(line.toByteArray(), false, ++number);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
