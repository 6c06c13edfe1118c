package org.keyward.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * The byte layout of a snapshot file (documented in docs/backup.md), shared by writer and reader.
 * All integers are big-endian.
 *
 * <pre>
 * magic     "KEYWARD-SNAPSHOT" (16 bytes ASCII)
 * header    u32 length, JSON (SnapshotHeader)
 * entry*    u8 1, u16 key length, key (UTF-8), u32 value length, value (as stored, encrypted)
 * end       u8 2
 * manifest  u32 length, JSON (SnapshotManifest); sha256 covers every byte from magic to end
 * </pre>
 */
final class SnapshotFormat {
  static final byte[] MAGIC = "KEYWARD-SNAPSHOT".getBytes(StandardCharsets.US_ASCII);
  static final int ENTRY = 1;
  static final int END = 2;
  static final int MAX_JSON = 64 * 1024;
  static final int MAX_KEY_BYTES = 4 * 1024;
  static final int MAX_VALUE_BYTES = 64 * 1024 * 1024;

  private SnapshotFormat() {}
}
