package org.keyward.engine.transit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.keyward.http.ApiError;

/**
 * The blob of {@code backup/<name>} and {@code restore}: standard base64 of a UTF-8 JSON object
 * {@code {"format":"keyward-transit-backup","version":1,"key":{...}}}, where {@code key} is the
 * key's stored form (every version's material in base64, settings, encryption counters). It is
 * plaintext key material, which is why Vault's rule applies: only keys with both {@code exportable}
 * and {@code allow_plaintext_backup} are backed up. Not Vault's blob: a Vault backup does not
 * restore into Keyward, nor the reverse.
 *
 * <p>Decoding checks everything a later request would rely on (type, versions, key lengths, that
 * private and public keys parse), so a bad blob is a 400 and nothing is stored.
 */
final class TransitBackup {
  static final String FORMAT = "keyward-transit-backup";
  static final int VERSION = 1;

  private TransitBackup() {}

  static String encode(TransitKey key) {
    JsonObject stored = new JsonObject(Buffer.buffer(TransitKeyCodec.encode(key)));
    JsonObject blob =
        new JsonObject().put("format", FORMAT).put("version", VERSION).put("key", stored);
    return Base64.getEncoder().encodeToString(blob.toBuffer().getBytes());
  }

  /**
   * The key in {@code blob}, named {@code rename} when given, else as backed up.
   *
   * @throws ApiError 400 {@code invalid backup: ...} for anything this code did not write
   */
  static TransitKey decode(String blob, KeyName rename) {
    JsonObject outer;
    try {
      outer = new JsonObject(Buffer.buffer(Base64.getDecoder().decode(blob.trim())));
    } catch (IllegalArgumentException e) {
      throw invalid("not base64");
    } catch (RuntimeException e) {
      throw invalid("not a Keyward transit backup");
    }
    if (!FORMAT.equals(outer.getValue("format"))
        || !Integer.valueOf(VERSION).equals(outer.getValue("version"))
        || !(outer.getValue("key") instanceof JsonObject stored)) {
      throw invalid("not a Keyward transit backup");
    }
    TransitKey key;
    try {
      JsonObject copy = stored.copy();
      if (rename != null) {
        copy.put("name", rename.value());
      }
      new KeyName(String.valueOf(copy.getValue("name")));
      key = TransitKeyCodec.decode(copy.toBuffer().getBytes());
    } catch (ApiError e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid("malformed key data");
    }
    check(key);
    return key;
  }

  private static void check(TransitKey key) {
    if (key.type().isHsmResident()) {
      throw invalid("hsm-aes256-gcm keys are never backed up");
    }
    TransitKey.checkSettings(
        key.type(), key.derived(), key.convergent(), key.autoRotatePeriodSeconds());
    int latest = key.latestVersion();
    int lowest = Math.max(1, key.minAvailableVersion());
    if (latest < 1
        || !key.versions().containsKey(latest)
        || key.minDecryptionVersion() < 1
        || key.minDecryptionVersion() > latest
        || key.minEncryptionVersion() < 0
        || key.minEncryptionVersion() > latest
        || key.minAvailableVersion() > key.minDecryptionVersion()) {
      throw invalid("inconsistent versions");
    }
    for (Map.Entry<Integer, KeyVersion> e : key.versions().entrySet()) {
      if (e.getKey() < lowest || e.getKey() > latest) {
        throw invalid("inconsistent versions");
      }
      checkMaterial(key.type(), e.getValue());
    }
  }

  private static void checkMaterial(KeyType type, KeyVersion v) {
    try {
      if (type.isAead()) {
        new AeadCipher(type, v.key());
      } else if (type == KeyType.HMAC) {
        if (v.key().length < 16) {
          throw invalid("hmac key too short");
        }
      } else {
        String algorithm =
            switch (type) {
              case ECDSA_P256 -> "EC";
              case ED25519 -> "Ed25519";
              default -> "RSA";
            };
        KeyFactory factory = KeyFactory.getInstance(algorithm);
        factory.generatePrivate(new PKCS8EncodedKeySpec(v.key()));
        factory.generatePublic(new X509EncodedKeySpec(v.publicKey()));
      }
      if (type != KeyType.HMAC && v.hmacKey().length < 16) {
        throw invalid("hmac key too short");
      }
    } catch (ApiError e) {
      throw e;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw invalid("key material does not match the key type");
    }
  }

  private static ApiError invalid(String why) {
    return ApiError.badRequest("invalid backup: " + why);
  }
}
