package org.keyward.audit;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * A signed statement that the chain head at {@code seq} had hash {@code hash}, in a file that began
 * at {@code fileFirstSeq} with {@code fileGenesis} as its first {@code prev}. Written as the {@code
 * checkpoint} member of a line of type {@code checkpoint}. Everything up to {@code seq} is then
 * covered by the signature through the chain; cutting the head off a file is caught by the file
 * start it names.
 *
 * @param keyId hex SHA-256 of the signer's SubjectPublicKeyInfo, to compare with the published one
 * @param publicKey base64 SubjectPublicKeyInfo (DER) of the signing key
 * @param signature base64 signature over {@link #signedMessage()}
 */
public record Checkpoint(
    long seq,
    String hash,
    long fileFirstSeq,
    String fileGenesis,
    String time,
    String algorithm,
    String keyId,
    String publicKey,
    String signature) {

  private static final String VERSION = "keyward-audit-checkpoint/v1";

  public Checkpoint {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(fileGenesis, "fileGenesis");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(signature, "signature");
  }

  /** Signs the head {@code (seq, hash)} of a file that began at {@code (firstSeq, genesis)}. */
  public static Checkpoint sign(
      CheckpointSigner signer, long seq, String hash, long firstSeq, String genesis, String time)
      throws GeneralSecurityException {
    byte[] spki = signer.publicKey().getEncoded();
    String keyId = AuditChain.sha256Hex(spki);
    byte[] message = message(seq, hash, firstSeq, genesis, time, signer.algorithm(), keyId);
    byte[] sig = signer.sign(message);
    Base64.Encoder b64 = Base64.getEncoder();
    return new Checkpoint(
        seq,
        hash,
        firstSeq,
        genesis,
        time,
        signer.algorithm(),
        keyId,
        b64.encodeToString(spki),
        b64.encodeToString(sig));
  }

  /** The exact bytes signed: a versioned, newline-separated list, so no JSON canonicalisation. */
  public byte[] signedMessage() {
    return message(seq, hash, fileFirstSeq, fileGenesis, time, algorithm, keyId);
  }

  private static byte[] message(
      long seq, String hash, long firstSeq, String genesis, String time, String alg, String kid) {
    String text =
        String.join(
            "\n",
            VERSION,
            "seq=" + seq,
            "hash=" + hash,
            "file_first_seq=" + firstSeq,
            "file_genesis=" + genesis,
            "time=" + time,
            "algorithm=" + alg,
            "key_id=" + kid);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The signing key as carried in the line. Trust it only if {@link #keyId()} is the published. */
  public PublicKey embeddedKey() throws GeneralSecurityException {
    byte[] spki = Base64.getDecoder().decode(publicKey);
    if (!AuditChain.sha256Hex(spki).equals(keyId)) {
      throw new GeneralSecurityException("key_id does not match the embedded public key");
    }
    String family = algorithm.endsWith("RSA") ? "RSA" : "EC";
    return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(spki));
  }

  /** True if the signature verifies under {@code key}; false for a bad or malformed signature. */
  public boolean verifies(PublicKey key) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(signedMessage());
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("seq", seq)
        .put("hash", hash)
        .put("file_first_seq", fileFirstSeq)
        .put("file_genesis", fileGenesis)
        .put("time", time)
        .put("algorithm", algorithm)
        .put("key_id", keyId)
        .put("public_key", publicKey)
        .put("signature", signature);
  }

  /**
   * Parses the {@code checkpoint} member; throws IllegalArgumentException if a field is missing.
   */
  public static Checkpoint fromJson(JsonObject json) {
    try {
      return new Checkpoint(
          json.getLong("seq"),
          json.getString("hash"),
          json.getLong("file_first_seq"),
          json.getString("file_genesis"),
          json.getString("time"),
          json.getString("algorithm"),
          json.getString("key_id"),
          json.getString("public_key"),
          json.getString("signature"));
    } catch (NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException("malformed checkpoint", e);
    }
  }
}
