package org.keyward.server;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Byte-level damage to snapshot files (format in docs/backup.md), done the way an attacker would:
 * without the writer, so nothing re-signs.
 */
final class SnapshotBytes {
  private static final int MAGIC = 16;

  private SnapshotBytes() {}

  /** Where each entry's value starts and how long it is, by key. */
  record Value(int offset, int length) {}

  static Map<String, Value> values(byte[] file) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(file));
      in.skipNBytes(MAGIC);
      int headerLength = in.readInt();
      in.skipNBytes(headerLength);
      int pos = MAGIC + 4 + headerLength;
      Map<String, Value> out = new LinkedHashMap<>();
      while (in.readUnsignedByte() == 1) {
        int keyLength = in.readUnsignedShort();
        String key = new String(in.readNBytes(keyLength), StandardCharsets.UTF_8);
        int valueLength = in.readInt();
        int valueOffset = pos + 1 + 2 + keyLength + 4;
        in.skipNBytes(valueLength);
        out.put(key, new Value(valueOffset, valueLength));
        pos = valueOffset + valueLength;
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flips one bit in the middle of the value of the first key starting with {@code prefix}. */
  static byte[] flipByteInValue(byte[] file, String prefix) {
    Value v =
        values(file).entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix))
            .findFirst()
            .orElseThrow()
            .getValue();
    byte[] out = file.clone();
    out[v.offset() + v.length() / 2] ^= 0x01;
    return out;
  }

  /** {@code into} with the value of {@code key} taken from {@code from} (same length required). */
  static byte[] swapValue(byte[] into, byte[] from, String key) {
    Value a = values(into).get(key);
    Value b = values(from).get(key);
    if (a.length() != b.length()) {
      throw new IllegalStateException("values of " + key + " differ in length");
    }
    byte[] out = into.clone();
    System.arraycopy(from, b.offset(), out, a.offset(), a.length());
    if (Arrays.equals(out, into)) {
      throw new IllegalStateException("values of " + key + " are the same");
    }
    return out;
  }

  /** The header and entries of {@code body} followed by the manifest of {@code manifestOf}. */
  static byte[] spliceManifest(byte[] body, byte[] manifestOf) {
    int bodyEnd = endTag(body) + 1;
    int tailStart = endTag(manifestOf) + 1;
    byte[] out = Arrays.copyOf(body, bodyEnd + manifestOf.length - tailStart);
    System.arraycopy(manifestOf, tailStart, out, bodyEnd, manifestOf.length - tailStart);
    return out;
  }

  private static int endTag(byte[] file) {
    Value last = values(file).values().stream().reduce((x, y) -> y).orElseThrow();
    return last.offset() + last.length();
  }
}
