package org.keyward.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain that links audit lines: line {@code n} starts with {@code {"seq":n,"prev":"<hex>",}
 * where {@code prev} is the SHA-256 of line {@code n-1}'s exact bytes (without its newline). The
 * first line ever written has {@link #GENESIS} as {@code prev}; the first line of a rotated-in file
 * carries the hash of the old file's last line, so the chain runs across files. Editing, removing
 * or moving a line breaks the {@code prev} of the line after it.
 */
public final class AuditChain {
  /** {@code prev} of sequence number 1: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /**
   * One line's bytes, newline excluded: the chain fields followed by the members of {@code body} (a
   * serialized JSON object, which must start with '{' and have at least one member).
   */
  public static byte[] line(long seq, String prev, byte[] body) {
    byte[] head = lineHead(seq, prev, body);
    byte[] out = new byte[head.length + body.length - 1];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 1, out, head.length, body.length - 1);
    return out;
  }

  /**
   * Writes the bytes of {@link #line} to {@code out} without building the line first, and returns
   * its hash ({@code sha256} is reset and reused: one digest per writer, not one per line).
   */
  public static String writeLine(
      ByteArrayOutputStream out, MessageDigest sha256, long seq, String prev, byte[] body) {
    byte[] head = lineHead(seq, prev, body);
    sha256.reset();
    sha256.update(head);
    sha256.update(body, 1, body.length - 1);
    out.write(head, 0, head.length);
    out.write(body, 1, body.length - 1);
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static byte[] lineHead(long seq, String prev, byte[] body) {
    if (body.length < 3 || body[0] != '{') {
      throw new IllegalArgumentException("audit body must be a non-empty JSON object");
    }
    return ("{\"seq\":" + seq + ",\"prev\":\"" + prev + "\",").getBytes(StandardCharsets.US_ASCII);
  }

  /** A SHA-256 digest, for {@link #writeLine}. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable in this JDK", e);
    }
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }
}
