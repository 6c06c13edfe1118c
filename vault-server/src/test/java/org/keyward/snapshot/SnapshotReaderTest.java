package org.keyward.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keyward.storage.StorageEntry;
import picocli.CommandLine;

class SnapshotReaderTest {
  private static final ManifestSigner SIGNER = TestSnapshots.signer();

  @TempDir Path dir;

  @Test
  void read_intactSnapshot_yieldsEveryEntryInOrderAndTheVerifiedManifest() throws IOException {
    Map<String, byte[]> rows = TestSnapshots.sampleRows();
    SnapshotReader reader = reader(TestSnapshots.snapshot(rows, SIGNER));

    SnapshotHeader header = reader.header();
    Map<String, byte[]> read = new TreeMap<>();
    for (StorageEntry e = reader.next(); e != null; e = reader.next()) {
      read.put(e.key(), e.value());
    }

    assertEquals("cluster-a", header.clusterId());
    assertEquals(3, header.keyringTerm());
    assertEquals(rows.keySet(), read.keySet());
    rows.forEach((k, v) -> assertArrayEquals(v, read.get(k)));
    assertEquals(3, reader.manifest().entryCount());
    assertNull(reader.next());
  }

  @Test
  void read_flippedByte_isRefusedForItsDigest() {
    byte[] file = TestSnapshots.snapshot(TestSnapshots.sampleRows(), SIGNER);
    int value = indexOf(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    file[value + 3] ^= 0x40;

    assertRefused(file, "SHA-256");
  }

  @Test
  void read_truncatedAnywhere_isRefused() {
    byte[] file = TestSnapshots.snapshot(TestSnapshots.sampleRows(), SIGNER);
    for (int cut : new int[] {0, 10, 20, 60, file.length / 2, file.length - 1}) {
      SnapshotRejectedException e =
          assertThrows(SnapshotRejectedException.class, () -> readAll(Arrays.copyOf(file, cut)));
      assertTrue(
          e.getMessage().startsWith("snapshot") || e.getMessage().startsWith("not a"),
          e::getMessage);
    }
  }

  @Test
  void read_bytesAfterManifest_areRefused() {
    byte[] file = TestSnapshots.snapshot(TestSnapshots.sampleRows(), SIGNER);
    assertRefused(Arrays.copyOf(file, file.length + 1), "after its manifest");
  }

  @Test
  void read_manifestOfAnotherSnapshot_isRefused() {
    Map<String, byte[]> other = TestSnapshots.sampleRows();
    other.put("sys/token/id/h1", new byte[] {7, 7, 7});
    byte[] a = TestSnapshots.snapshot(TestSnapshots.sampleRows(), SIGNER);
    byte[] b = TestSnapshots.snapshot(other, SIGNER);
    int tokenValue = indexOf(b, new byte[] {7, 7, 7});
    byte[] spliced = a.clone();
    System.arraycopy(b, tokenValue, spliced, indexOf(a, new byte[] {9, 9, 9}), 3);

    assertRefused(spliced, "SHA-256");
  }

  @Test
  void read_signatureByAnotherKeyInManifest_isRefused() {
    byte[] file = TestSnapshots.snapshot(TestSnapshots.sampleRows(), SIGNER);
    byte[] other = TestSnapshots.snapshot(TestSnapshots.sampleRows(), TestSnapshots.signer());
    // Same content, so the same digest position; swap in the other file's signature field only.
    String a = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1);
    String b = new String(other, java.nio.charset.StandardCharsets.ISO_8859_1);
    String sigA = a.substring(a.indexOf("\"signature\":\""));
    String sigB = b.substring(b.indexOf("\"signature\":\""));
    byte[] mixed =
        (a.substring(0, a.indexOf("\"signature\":\"")) + sigB)
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    // Fix the manifest length prefix for a signature of a different length.
    int manifestStart = a.lastIndexOf("{\"sha256\"");
    int newLength = mixed.length - manifestStart;
    mixed[manifestStart - 4] = (byte) (newLength >>> 24);
    mixed[manifestStart - 3] = (byte) (newLength >>> 16);
    mixed[manifestStart - 2] = (byte) (newLength >>> 8);
    mixed[manifestStart - 1] = (byte) newLength;

    assertTrue(!sigA.equals(sigB));
    assertRefused(mixed, "signature does not verify");
  }

  @Test
  void inspect_exitsZeroOnIntact_oneOnRefused() throws IOException {
    byte[] good = TestSnapshots.snapshot(TestSnapshots.sampleRows(), SIGNER);
    Path intact = Files.write(dir.resolve("good.snap"), good);
    Path cut = Files.write(dir.resolve("cut.snap"), Arrays.copyOf(good, good.length - 5));

    CommandLine ok = new CommandLine(new SnapshotInspectCommand());
    java.io.StringWriter out = new java.io.StringWriter();
    ok.setOut(new java.io.PrintWriter(out));
    int intactCode = ok.execute(intact.toString());
    CommandLine refused = new CommandLine(new SnapshotInspectCommand());
    java.io.StringWriter err = new java.io.StringWriter();
    refused.setErr(new java.io.PrintWriter(err));
    int cutCode = refused.execute(cut.toString());

    assertEquals(0, intactCode);
    assertTrue(out.toString().contains("cluster-a"), out::toString);
    assertEquals(1, cutCode);
    assertTrue(err.toString().contains("truncated"), err::toString);
  }

  private static void assertRefused(byte[] file, String reason) {
    SnapshotRejectedException e =
        assertThrows(SnapshotRejectedException.class, () -> readAll(file));
    assertTrue(e.getMessage().contains(reason), e::getMessage);
  }

  static void readAll(byte[] file) throws IOException {
    reader(file).verifyToEnd();
  }

  private static SnapshotReader reader(byte[] file) {
    return new SnapshotReader(new ByteArrayInputStream(file));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }
}
