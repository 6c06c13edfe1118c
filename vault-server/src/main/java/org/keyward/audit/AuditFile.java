package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * The chained JSON-lines file of one file device, with size rotation: when the active file reaches
 * {@code maxBytes} it is renamed to {@code <name>.<n>} (n = 1, 2, ... oldest first) and a new file
 * continues the chain, its first {@code prev} being the old file's last line hash. Reopening an
 * existing file resumes its chain; a partial last line (a crash mid-write, never acknowledged) is
 * cut off and logged.
 *
 * <p>Not thread-safe: only the device's writer thread calls it. Blocking file I/O.
 */
final class AuditFile implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AuditFile.class.getName());
  private static final Set<OpenOption> OPEN =
      Set.of(
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.APPEND,
          LinkOption.NOFOLLOW_LINKS);

  /** Where the chain stands: the last written seq and line hash, and how this file began. */
  record Head(long seq, String hash, long fileFirstSeq, String fileGenesis) {}

  /** A batch larger than this is not kept as the next batch's buffer. */
  private static final int KEEP_BUFFER_BYTES = 1 << 20;

  private final Path path;
  private final long maxBytes;
  private final boolean fsync;
  private final MessageDigest sha256 = AuditChain.newSha256();
  private LineBuffer pending = new LineBuffer();
  private FileChannel channel;
  private long size;
  private int rotations;
  private Head head;

  private AuditFile(Path path, long maxBytes, boolean fsync) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.fsync = fsync;
  }

  /** Opens or creates {@code path}, resuming the chain from its last line or its rotated files. */
  static AuditFile open(Path path, long maxBytes, boolean fsync) throws IOException {
    AuditFile file = new AuditFile(path, maxBytes, fsync);
    file.rotations = AuditFileSet.rotatedCount(path);
    file.openActive();
    return file;
  }

  Head head() {
    return head;
  }

  Path path() {
    return path;
  }

  /**
   * Chains and writes {@code bodies} (serialized JSON objects) in order, rotating where the size
   * limit falls. Each write reaches the OS before this returns (and the disk when fsync is on). On
   * failure the file is cut back to its last complete write and the chain state matches it.
   */
  void append(List<byte[]> bodies) throws IOException {
    if (pending.capacity() > KEEP_BUFFER_BYTES) {
      pending = new LineBuffer();
    }
    pending.reset();
    Head start = head;
    long seq = head.seq();
    String prev = head.hash();
    try {
      for (byte[] body : bodies) {
        // An empty file is never rotated (a record larger than maxBytes would rotate forever),
        // but what this batch put in it counts.
        if (size + pending.size() > 0 && size + pending.size() >= maxBytes) {
          flush(seq, prev);
          start = head;
          rotate();
        }
        seq++;
        prev = AuditChain.writeLine(pending, sha256, seq, prev, body);
        pending.write('\n');
      }
      flush(seq, prev);
    } catch (IOException | RuntimeException e) {
      rollBack(start);
      throw e;
    }
  }

  private void flush(long seq, String prev) throws IOException {
    if (pending.size() == 0) {
      return;
    }
    ByteBuffer buffer = pending.view();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    if (fsync) {
      channel.force(false);
    }
    size += pending.size();
    pending.reset();
    head = new Head(seq, prev, head.fileFirstSeq(), head.fileGenesis());
  }

  private void rollBack(Head to) {
    head = to;
    try {
      if (channel.isOpen() && channel.size() > size) {
        channel.truncate(size);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "audit file " + path + ": cannot cut a failed write", e);
    }
  }

  private void rotate() throws IOException {
    channel.close();
    try {
      Files.move(
          path, AuditFileSet.rotatedName(path, rotations + 1), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Keep writing to the old file later rather than leave the device without a file.
      channel = FileChannel.open(path, OPEN);
      throw e;
    }
    rotations++;
    openActive();
  }

  private void openActive() throws IOException {
    boolean existed = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    if (!existed) {
      createPrivate(path);
    }
    channel = FileChannel.open(path, OPEN);
    size = cutPartialTail();
    if (size > 0) {
      head = headOf(AuditFileSet.firstLine(path), AuditFileSet.lastLine(path));
      return;
    }
    // A fresh file continues from the newest rotated file, or starts the chain.
    if (rotations > 0) {
      Path previous = AuditFileSet.rotatedName(path, rotations);
      byte[] last = AuditFileSet.lastLine(previous);
      if (last != null) {
        long lastSeq =
            new JsonObject(new String(last, java.nio.charset.StandardCharsets.UTF_8))
                .getLong("seq");
        String hash = AuditChain.sha256Hex(last);
        head = new Head(lastSeq, hash, lastSeq + 1, hash);
        return;
      }
    }
    head = new Head(0, AuditChain.GENESIS, 1, AuditChain.GENESIS);
  }

  private static Head headOf(byte[] first, byte[] last) {
    JsonObject firstJson = AuditFileSet.parse(first);
    JsonObject lastJson = AuditFileSet.parse(last);
    return new Head(
        lastJson.getLong("seq"),
        AuditChain.sha256Hex(last),
        firstJson.getLong("seq"),
        firstJson.getString("prev"));
  }

  private long cutPartialTail() throws IOException {
    long length = channel.size();
    long complete = AuditFileSet.completeLength(path);
    if (complete < length) {
      LOG.log(
          System.Logger.Level.WARNING,
          "audit file "
              + path
              + ": cut "
              + (length - complete)
              + " bytes of an unfinished last line (written before a crash, never acknowledged)");
      channel.truncate(complete);
    }
    return complete;
  }

  private static void createPrivate(Path path) throws IOException {
    try {
      Files.createFile(
          path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path);
    }
  }

  /** The lines of one batch, written from its own array (no copy). */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(8192);
    }

    ByteBuffer view() {
      return ByteBuffer.wrap(buf, 0, count);
    }

    int capacity() {
      return buf.length;
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
