package org.keyward.engine.transit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;

/** Renders a key as Vault's {@code keys/:name} read answers it; public material only. */
final class TransitKeyInfo {
  private TransitKeyInfo() {}

  static JsonObject of(TransitKey key) {
    JsonObject versions = new JsonObject();
    key.versions()
        .forEach(
            (n, v) -> {
              if (key.type().isAsymmetric()) {
                versions.put(
                    Integer.toString(n),
                    new JsonObject()
                        .put(
                            "name",
                            key.type() == KeyType.ED25519 ? "ed25519" : key.type().wireName())
                        .put("public_key", publicKey(key.type(), v.publicKey()))
                        .put(
                            "creation_time",
                            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                Instant.ofEpochSecond(v.creationTime()).atOffset(ZoneOffset.UTC))));
              } else {
                versions.put(Integer.toString(n), v.creationTime());
              }
            });
    KeyType type = key.type();
    JsonObject data =
        new JsonObject()
            .put("name", key.name())
            .put("type", type.wireName())
            .put("keys", versions)
            .put("latest_version", key.latestVersion())
            .put("min_decryption_version", key.minDecryptionVersion())
            .put("min_encryption_version", key.minEncryptionVersion())
            .put("min_available_version", key.minAvailableVersion())
            .put("deletion_allowed", key.deletionAllowed())
            .put("derived", key.derived())
            .put("exportable", key.exportable())
            .put("allow_plaintext_backup", key.allowPlaintextBackup())
            .put("supports_encryption", type.supportsEncryption())
            .put("supports_decryption", type.supportsEncryption())
            .put("supports_derivation", type.isAead())
            .put("supports_signing", type.supportsSigning())
            .put("auto_rotate_period", key.autoRotatePeriodSeconds())
            .put("imported_key", false);
    if (key.derived()) {
      data.put("kdf", "hkdf_sha256");
    }
    if (key.convergent()) {
      data.put("convergent_encryption", true)
          .put("convergent_encryption_version", TransitKey.CONVERGENT_VERSION);
    } else {
      data.put("convergent_encryption", false);
    }
    return data;
  }

  /** Ed25519 as Vault shows it, base64 of the raw 32 bytes; EC and RSA as PEM. */
  static String publicKey(KeyType type, byte[] x509) {
    if (type == KeyType.ED25519) {
      return Base64.getEncoder()
          .encodeToString(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
    }
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(x509);
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }
}
