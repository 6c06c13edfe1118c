package org.keyward.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Names and reads the files of one rotated audit log: {@code audit.log.1}, {@code audit.log.2}, ...
 * (oldest first) and the active {@code audit.log}. Blocking file I/O; stateless.
 */
final class AuditFileSet {
  private static final int CHUNK = 64 * 1024;

  private AuditFileSet() {}

  static Path rotatedName(Path active, int n) {
    return active.resolveSibling(active.getFileName() + "." + n);
  }

  /** How many rotated files {@code active.1 .. active.n} exist without a gap. */
  static int rotatedCount(Path active) {
    int n = 0;
    while (Files.exists(rotatedName(active, n + 1), LinkOption.NOFOLLOW_LINKS)) {
      n++;
    }
    return n;
  }

  /** The rotated files, oldest first, then the active file if it exists. */
  static List<Path> members(Path active) {
    List<Path> out = new ArrayList<>();
    int n = rotatedCount(active);
    for (int i = 1; i <= n; i++) {
      out.add(rotatedName(active, i));
    }
    if (Files.exists(active, LinkOption.NOFOLLOW_LINKS)) {
      out.add(active);
    }
    return out;
  }

  static JsonObject parse(byte[] line) {
    try {
      return new JsonObject(new String(line, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalStateException("audit line is not a JSON object");
    }
  }

  /** The length of the file up to and including its last newline. */
  static long completeLength(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = ch.size();
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      while (end > 0) {
        long start = Math.max(0, end - CHUNK);
        buf.clear().limit((int) (end - start));
        ch.read(buf, start);
        for (int i = buf.position() - 1; i >= 0; i--) {
          if (buf.get(i) == '\n') {
            return start + i + 1;
          }
        }
        end = start;
      }
      return 0;
    }
  }

  /** The last complete line without its newline, or null if the file has none. */
  static byte[] lastLine(Path file) throws IOException {
    long complete = completeLength(file);
    if (complete == 0) {
      return null;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = complete - 1; // the newline
      long start = end;
      ByteBuffer one = ByteBuffer.allocate(CHUNK);
      while (start > 0) {
        long from = Math.max(0, start - CHUNK);
        one.clear().limit((int) (start - from));
        ch.read(one, from);
        int found = -1;
        for (int i = one.position() - 1; i >= 0; i--) {
          if (one.get(i) == '\n') {
            found = i;
            break;
          }
        }
        if (found >= 0) {
          start = from + found + 1;
          break;
        }
        start = from;
      }
      ByteBuffer line = ByteBuffer.allocate((int) (end - start));
      while (line.hasRemaining()) {
        if (ch.read(line, start + line.position()) < 0) {
          break;
        }
      }
      return line.array();
    }
  }

  /** The first line without its newline, or null if the file has no complete line. */
  static byte[] firstLine(Path file) throws IOException {
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      var out = new java.io.ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          return out.toByteArray();
        }
        out.write(b);
      }
      return null;
    }
  }
}
