package org.keyward.engine.transit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of a {@link TransitKey}: one JSON entry per key under the mount's view (the
 * barrier encrypts it). Material is base64; nothing here is ever logged.
 */
final class TransitKeyCodec {
  private static final int FORMAT = 1;

  private TransitKeyCodec() {}

  static byte[] encode(TransitKey key) {
    JsonObject versions = new JsonObject();
    key.versions()
        .forEach(
            (n, v) -> {
              JsonObject o =
                  new JsonObject()
                      .put("creation_time", v.creationTime())
                      .put("key", b64(v.key()))
                      .put("hmac_key", b64(v.hmacKey()));
              if (v.publicKey() != null) {
                o.put("public_key", b64(v.publicKey()));
              }
              versions.put(Integer.toString(n), o);
            });
    JsonObject counts = new JsonObject();
    key.encryptions().forEach((n, c) -> counts.put(Integer.toString(n), c));
    return new JsonObject()
        .put("format", FORMAT)
        .put("name", key.name())
        .put("type", key.type().wireName())
        .put("derived", key.derived())
        .put("convergent_encryption", key.convergent())
        .put("convergent_version", TransitKey.CONVERGENT_VERSION)
        .put("exportable", key.exportable())
        .put("allow_plaintext_backup", key.allowPlaintextBackup())
        .put("deletion_allowed", key.deletionAllowed())
        .put("latest_version", key.latestVersion())
        .put("min_decryption_version", key.minDecryptionVersion())
        .put("min_encryption_version", key.minEncryptionVersion())
        .put("min_available_version", key.minAvailableVersion())
        .put("auto_rotate_period", key.autoRotatePeriodSeconds())
        .put("versions", versions)
        .put("encryptions", counts)
        .toBuffer()
        .getBytes();
  }

  /** Fails with {@link IllegalStateException} on an entry this code did not write. */
  static TransitKey decode(byte[] stored) {
    JsonObject o = new JsonObject(Buffer.buffer(stored));
    if (o.getInteger("format", 0) != FORMAT) {
      throw new IllegalStateException("unknown transit key format");
    }
    Map<Integer, KeyVersion> versions = new TreeMap<>();
    JsonObject vs = o.getJsonObject("versions");
    for (String n : vs.fieldNames()) {
      JsonObject v = vs.getJsonObject(n);
      versions.put(
          Integer.parseInt(n),
          new KeyVersion(
              v.getLong("creation_time"),
              unb64(v.getString("key")),
              unb64(v.getString("hmac_key")),
              v.containsKey("public_key") ? unb64(v.getString("public_key")) : null));
    }
    Map<Integer, Long> counts = new TreeMap<>();
    JsonObject cs = o.getJsonObject("encryptions", new JsonObject());
    for (String n : cs.fieldNames()) {
      counts.put(Integer.parseInt(n), cs.getLong(n));
    }
    return new TransitKey(
        o.getString("name"),
        KeyType.fromWire(o.getString("type")),
        o.getBoolean("derived"),
        o.getBoolean("convergent_encryption"),
        o.getBoolean("exportable"),
        o.getBoolean("allow_plaintext_backup"),
        o.getBoolean("deletion_allowed"),
        o.getInteger("latest_version"),
        o.getInteger("min_decryption_version"),
        o.getInteger("min_encryption_version"),
        o.getInteger("min_available_version"),
        o.getLong("auto_rotate_period"),
        versions,
        counts);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] unb64(String text) {
    return Base64.getDecoder().decode(text);
  }
}
