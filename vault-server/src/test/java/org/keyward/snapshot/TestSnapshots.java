package org.keyward.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Snapshot files made in memory with a JDK EC key standing in for the HSM snapshot key. */
final class TestSnapshots {
  private TestSnapshots() {}

  /** A signer over a fresh P-256 key pair. */
  static ManifestSigner signer() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = g.generateKeyPair();
      return new ManifestSigner() {
        @Override
        public String algorithm() {
          return "SHA256withECDSA";
        }

        @Override
        public PublicKey publicKey() {
          return pair.getPublic();
        }

        @Override
        public byte[] sign(byte[] data) throws GeneralSecurityException {
          Signature s = Signature.getInstance(algorithm());
          s.initSign(pair.getPrivate());
          s.update(data);
          return s.sign();
        }
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Three entries: a keyring row, a KV entry and a token, values as opaque bytes. */
  static Map<String, byte[]> sampleRows() {
    Map<String, byte[]> rows = new TreeMap<>();
    rows.put("core/keyring", "{\"terms\":[{\"term\":3}]}".getBytes(StandardCharsets.UTF_8));
    rows.put("logical/abc/data/app", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    rows.put("sys/token/id/h1", new byte[] {9, 9, 9});
    return rows;
  }

  static byte[] snapshot(Map<String, byte[]> rows, ManifestSigner signer) {
    SnapshotHeader header =
        new SnapshotHeader(
            1, "cluster-a", Instant.parse("2026-12-07T10:00:00Z"), 3, rows.size(), "sqlite");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SnapshotService.write(out, header, rowsOf(rows), signer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static org.keyward.storage.StoredRows rowsOf(Map<String, byte[]> rows) {
    return new org.keyward.storage.StoredRows() {
      @Override
      public long count() {
        return rows.size();
      }

      @Override
      public Optional<byte[]> get(String key) {
        return Optional.ofNullable(rows.get(key));
      }

      @Override
      public void forEach(RowConsumer consumer) throws IOException {
        for (Map.Entry<String, byte[]> e : rows.entrySet()) {
          consumer.accept(e.getKey(), e.getValue());
        }
      }
    };
  }
}
