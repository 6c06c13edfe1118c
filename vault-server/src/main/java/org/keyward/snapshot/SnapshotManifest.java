package org.keyward.snapshot;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The signed trailer of a snapshot: the SHA-256 of every byte before it (magic, header, entries)
 * and the entry count, signed with the HSM snapshot key, whose public key travels along (key id:
 * hex SHA-256 of its SubjectPublicKeyInfo) so a restore can compare it with its own.
 */
public record SnapshotManifest(
    String sha256,
    long entryCount,
    String algorithm,
    String keyId,
    String publicKey,
    String signature) {
  private static final String VERSION = "keyward-snapshot-manifest/v1";

  public SnapshotManifest {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(signature, "signature");
  }

  /** Signs the digest and count. Blocking (HSM). */
  static SnapshotManifest sign(ManifestSigner signer, byte[] digest, long entryCount)
      throws GeneralSecurityException {
    byte[] spki = signer.publicKey().getEncoded();
    String keyId = keyIdOf(spki);
    String sha = HexFormat.of().formatHex(digest);
    byte[] sig = signer.sign(message(sha, entryCount, signer.algorithm(), keyId));
    Base64.Encoder b64 = Base64.getEncoder();
    return new SnapshotManifest(
        sha,
        entryCount,
        signer.algorithm(),
        keyId,
        b64.encodeToString(spki),
        b64.encodeToString(sig));
  }

  /** The key id of a public key: hex SHA-256 of its SubjectPublicKeyInfo. */
  public static String keyIdOf(byte[] spki) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable in this JDK", e);
    }
  }

  /**
   * Checks the signature with the public key carried in the manifest and that the key id names it;
   * fails with {@link SnapshotRejectedException} otherwise. Whether that key is trusted is the
   * caller's question.
   */
  void verifySignature() {
    try {
      byte[] spki = Base64.getDecoder().decode(publicKey);
      if (!keyIdOf(spki).equals(keyId)) {
        throw new SnapshotRejectedException("snapshot manifest key id does not match its key");
      }
      PublicKey key = publicKeyOf(spki);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(message(sha256, entryCount, algorithm, keyId));
      if (!verifier.verify(Base64.getDecoder().decode(signature))) {
        throw new SnapshotRejectedException("snapshot manifest signature does not verify");
      }
    } catch (SnapshotRejectedException e) {
      throw e;
    } catch (GeneralSecurityException | RuntimeException e) {
      // An algorithm name or key the file chose may make a provider throw anything.
      throw new SnapshotRejectedException("snapshot manifest signature does not verify");
    }
  }

  private static PublicKey publicKeyOf(byte[] spki) throws GeneralSecurityException {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(spki);
    for (String type : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(type).generatePublic(spec);
      } catch (GeneralSecurityException ignored) {
        // try the next type
      }
    }
    throw new GeneralSecurityException("unsupported manifest key");
  }

  private static byte[] message(String sha, long count, String alg, String keyId) {
    return String.join(
            "\n", VERSION, "sha256=" + sha, "entries=" + count, "alg=" + alg, "kid=" + keyId)
        .getBytes(StandardCharsets.UTF_8);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("sha256", sha256)
        .put("entry_count", entryCount)
        .put("algorithm", algorithm)
        .put("key_id", keyId)
        .put("public_key", publicKey)
        .put("signature", signature);
  }

  static SnapshotManifest fromJson(JsonObject json) {
    try {
      return new SnapshotManifest(
          json.getString("sha256"),
          json.getLong("entry_count"),
          json.getString("algorithm"),
          json.getString("key_id"),
          json.getString("public_key"),
          json.getString("signature"));
    } catch (RuntimeException e) {
      throw new SnapshotRejectedException("snapshot manifest is malformed");
    }
  }
}
