package org.keyward.snapshot;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Writes one snapshot to a stream, entry by entry, hashing as it goes; {@link #finish} signs the
 * digest and writes the manifest. Blocking; not thread-safe. The caller closes the stream.
 */
final class SnapshotWriter {
  private final DataOutputStream out;
  private final MessageDigest digest;
  private final OutputStream raw;
  private long entries;

  SnapshotWriter(OutputStream target) {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable in this JDK", e);
    }
    this.raw = new BufferedOutputStream(target, 64 * 1024);
    this.out = new DataOutputStream(new DigestOutputStream(raw, digest));
  }

  void header(SnapshotHeader header) throws IOException {
    out.write(SnapshotFormat.MAGIC);
    writeJson(out, header.toJson().encode());
  }

  void entry(String key, byte[] value) throws IOException {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    out.writeByte(SnapshotFormat.ENTRY);
    out.writeShort(k.length);
    out.write(k);
    out.writeInt(value.length);
    out.write(value);
    entries++;
  }

  /** Ends the entries, signs (an HSM call) and writes the manifest; flushes. */
  SnapshotManifest finish(ManifestSigner signer) throws IOException {
    out.writeByte(SnapshotFormat.END);
    out.flush();
    SnapshotManifest manifest;
    try {
      manifest = SnapshotManifest.sign(signer, digest.digest(), entries);
    } catch (GeneralSecurityException e) {
      throw new IOException("signing the snapshot manifest failed", e);
    }
    DataOutputStream tail = new DataOutputStream(raw);
    writeJson(tail, manifest.toJson().encode());
    tail.flush();
    return manifest;
  }

  long entries() {
    return entries;
  }

  private static void writeJson(DataOutputStream out, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }
}
