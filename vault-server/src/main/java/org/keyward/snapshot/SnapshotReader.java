package org.keyward.snapshot;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageKeys;

/**
 * Reads a snapshot stream and refuses anything but an intact one: wrong magic, a malformed or
 * oversized field, keys out of order or repeated, more or fewer entries than the header says, a
 * truncated file, bytes after the manifest, a digest that differs from the manifest's or a
 * signature that does not verify. Every refusal is a {@link SnapshotRejectedException} saying
 * which. Entries come out one by one ({@link #next()}), so memory stays bounded by one entry; the
 * digest and signature are checked when the end is reached, so a caller must not commit what it
 * read before {@link #next()} returned null. Blocking; not thread-safe.
 */
public final class SnapshotReader {
  private final DataInputStream in;
  private final MessageDigest digest;
  private final InputStream raw;
  private SnapshotHeader header;
  private SnapshotManifest manifest;
  private byte[] lastKey;
  private long entries;

  public SnapshotReader(InputStream source) {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable in this JDK", e);
    }
    this.raw = new BufferedInputStream(source, 64 * 1024);
    this.in = new DataInputStream(new DigestInputStream(raw, digest));
  }

  /** Reads the magic and header (once). */
  public SnapshotHeader header() throws IOException {
    if (header == null) {
      byte[] magic = readExactly(in, SnapshotFormat.MAGIC.length);
      if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
        throw new SnapshotRejectedException("not a Keyward snapshot (bad magic)");
      }
      header = SnapshotHeader.fromJson(readJson(in, "header"));
    }
    return header;
  }

  /** The next entry, or null after the last, once the manifest and signature checked out. */
  public StorageEntry next() throws IOException {
    header();
    if (manifest != null) {
      return null;
    }
    int tag = in.read();
    if (tag == -1) {
      throw truncated();
    }
    if (tag == SnapshotFormat.END) {
      finish();
      return null;
    }
    if (tag != SnapshotFormat.ENTRY) {
      throw new SnapshotRejectedException(
          "snapshot is corrupt: unexpected record type " + tag + " after entry " + entries);
    }
    if (entries >= header.entryCount()) {
      throw new SnapshotRejectedException(
          "snapshot holds more entries than its header's " + header.entryCount());
    }
    int keyLength = readUnsignedShort();
    if (keyLength == 0 || keyLength > SnapshotFormat.MAX_KEY_BYTES) {
      throw new SnapshotRejectedException("snapshot is corrupt: bad key length " + keyLength);
    }
    byte[] keyBytes = readExactly(in, keyLength);
    String key = utf8(keyBytes, "entry key");
    if (!StorageKeys.isValid(key)) {
      throw new SnapshotRejectedException(
          "snapshot is corrupt: invalid key after entry " + entries);
    }
    if (lastKey != null && Arrays.compareUnsigned(lastKey, keyBytes) >= 0) {
      throw new SnapshotRejectedException(
          "snapshot is corrupt: key '" + key + "' is out of order or repeated");
    }
    lastKey = keyBytes;
    int valueLength = readInt();
    if (valueLength < 0 || valueLength > SnapshotFormat.MAX_VALUE_BYTES) {
      throw new SnapshotRejectedException(
          "snapshot is corrupt: bad value length for key '" + key + "'");
    }
    byte[] value = readExactly(in, valueLength);
    entries++;
    return new StorageEntry(key, value);
  }

  /** Reads every remaining entry, discarding them, to reach and check the manifest. */
  public SnapshotManifest verifyToEnd() throws IOException {
    while (next() != null) {
      // only the checks matter here
    }
    return manifest;
  }

  /** The verified manifest, once {@link #next()} returned null. */
  public SnapshotManifest manifest() {
    if (manifest == null) {
      throw new IllegalStateException("manifest not reached yet");
    }
    return manifest;
  }

  private void finish() throws IOException {
    if (entries != header.entryCount()) {
      throw new SnapshotRejectedException(
          "snapshot holds " + entries + " entries but its header says " + header.entryCount());
    }
    byte[] actual = digest.digest();
    // The manifest is outside the digest: read it from the raw stream.
    SnapshotManifest m = SnapshotManifest.fromJson(readJson(new DataInputStream(raw), "manifest"));
    if (raw.read() != -1) {
      throw new SnapshotRejectedException("snapshot has bytes after its manifest");
    }
    if (!HexFormat.of().formatHex(actual).equals(m.sha256())) {
      throw new SnapshotRejectedException(
          "snapshot content does not match its manifest's SHA-256: the file was changed");
    }
    if (m.entryCount() != entries) {
      throw new SnapshotRejectedException("snapshot manifest names a different entry count");
    }
    m.verifySignature();
    manifest = m;
  }

  private int readUnsignedShort() throws IOException {
    try {
      return in.readUnsignedShort();
    } catch (EOFException e) {
      throw truncated();
    }
  }

  private int readInt() throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw truncated();
    }
  }

  private static JsonObject readJson(DataInputStream from, String what) throws IOException {
    int length;
    try {
      length = from.readInt();
    } catch (EOFException e) {
      throw truncated();
    }
    if (length <= 0 || length > SnapshotFormat.MAX_JSON) {
      throw new SnapshotRejectedException("snapshot " + what + " has a bad length");
    }
    String text = utf8(readExactly(from, length), what);
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new SnapshotRejectedException("snapshot " + what + " is not a JSON object");
    }
  }

  private static byte[] readExactly(InputStream from, int length) throws IOException {
    byte[] bytes = from.readNBytes(length);
    if (bytes.length != length) {
      throw truncated();
    }
    return bytes;
  }

  private static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SnapshotRejectedException("snapshot " + what + " is not valid UTF-8");
    }
  }

  private static SnapshotRejectedException truncated() {
    return new SnapshotRejectedException("snapshot is truncated");
  }
}
