package org.keyward.engine.transit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.keyward.http.ApiError;

/**
 * A named transit key: its type, every live version's material and its configuration. Immutable;
 * changes return a new key that {@link TransitKeyStore} writes.
 *
 * @param versions live versions, from {@code minAvailableVersion} (or 1) to {@code latestVersion}
 * @param encryptions encryptions counted per version, persisted so the GCM use limit survives
 *     restarts
 */
record TransitKey(
    String name,
    KeyType type,
    boolean derived,
    boolean convergent,
    boolean exportable,
    boolean allowPlaintextBackup,
    boolean deletionAllowed,
    int latestVersion,
    int minDecryptionVersion,
    int minEncryptionVersion,
    int minAvailableVersion,
    long autoRotatePeriodSeconds,
    Map<Integer, KeyVersion> versions,
    Map<Integer, Long> encryptions) {

  /** Vault's convergent scheme 3: nonce from an HMAC key derived together with the data key. */
  static final int CONVERGENT_VERSION = 3;

  static final long MIN_AUTO_ROTATE_SECONDS = 3600;

  TransitKey {
    versions = Collections.unmodifiableMap(new TreeMap<>(versions));
    encryptions = Collections.unmodifiableMap(new TreeMap<>(encryptions));
    checkSettings(type, derived, convergent, autoRotatePeriodSeconds);
  }

  /**
   * Refuses settings that cannot go together, with a 400 naming them; needs no storage, so request
   * decoders call it before authentication.
   */
  static void checkSettings(
      KeyType type, boolean derived, boolean convergent, long autoRotatePeriodSeconds) {
    if (convergent && !derived) {
      throw ApiError.badRequest("convergent encryption requires derivation to be enabled");
    }
    if ((derived || convergent) && type.isHsmResident()) {
      throw ApiError.badRequest("key derivation is not supported for hsm-aes256-gcm keys");
    }
    if ((derived || convergent) && !type.isAead()) {
      throw ApiError.badRequest("key derivation is only supported for AEAD key types");
    }
    if (autoRotatePeriodSeconds != 0 && autoRotatePeriodSeconds < MIN_AUTO_ROTATE_SECONDS) {
      throw ApiError.badRequest("auto_rotate_period must be 0 to disable or at least an hour");
    }
  }

  /**
   * Refuses export and plaintext backup for a key whose material stays in the HSM; 400 naming the
   * setting.
   */
  static void checkExport(KeyType type, boolean exportable, boolean allowPlaintextBackup) {
    if (type.isHsmResident() && exportable) {
      throw ApiError.badRequest(
          "hsm-aes256-gcm keys cannot be exportable: they never leave the HSM");
    }
    if (type.isHsmResident() && allowPlaintextBackup) {
      throw ApiError.badRequest(
          "hsm-aes256-gcm keys cannot allow plaintext backup: they never leave the HSM");
    }
  }

  /** A new key at version 1. */
  static TransitKey create(
      String name,
      KeyType type,
      boolean derived,
      boolean convergent,
      boolean exportable,
      boolean allowPlaintextBackup,
      long autoRotatePeriodSeconds,
      KeyVersion first) {
    return new TransitKey(
        name,
        type,
        derived,
        convergent,
        exportable,
        allowPlaintextBackup,
        false,
        1,
        1,
        0,
        0,
        autoRotatePeriodSeconds,
        Map.of(1, first),
        Map.of());
  }

  KeyVersion version(int version) {
    return versions.get(version);
  }

  /**
   * The version a new encryption, signature or HMAC uses: the latest for 0, else {@code requested}
   * if live and allowed.
   */
  int encryptionVersion(int requested) {
    if (requested == 0) {
      return latestVersion;
    }
    if (requested > latestVersion) {
      throw ApiError.badRequest("requested version " + requested + " is newer than the key");
    }
    if (minEncryptionVersion > 0 && requested < minEncryptionVersion) {
      throw ApiError.badRequest(
          "requested version " + requested + " is below the key's min_encryption_version");
    }
    if (!versions.containsKey(requested)) {
      throw ApiError.badRequest("requested version " + requested + " was trimmed");
    }
    return requested;
  }

  /** The version a ciphertext or signature names, refused if the policy or the key rules it out. */
  KeyVersion decryptionVersion(int version) {
    if (version > latestVersion) {
      throw ApiError.badRequest("invalid ciphertext: key version " + version + " does not exist");
    }
    if (version < minDecryptionVersion) {
      throw ApiError.badRequest(
          "ciphertext or signature version is disallowed by policy (too old)");
    }
    KeyVersion v = versions.get(version);
    if (v == null) {
      throw ApiError.badRequest("invalid ciphertext: key version " + version + " was trimmed");
    }
    return v;
  }

  TransitKey rotated(KeyVersion next) {
    Map<Integer, KeyVersion> more = new TreeMap<>(versions);
    more.put(latestVersion + 1, next);
    return new TransitKey(
        name,
        type,
        derived,
        convergent,
        exportable,
        allowPlaintextBackup,
        deletionAllowed,
        latestVersion + 1,
        minDecryptionVersion,
        minEncryptionVersion,
        minAvailableVersion,
        autoRotatePeriodSeconds,
        more,
        encryptions);
  }

  TransitKey configured(TransitKeyConfig c) {
    int minDec = c.minDecryptionVersion() == null ? minDecryptionVersion : c.minDecryptionVersion();
    int minEnc = c.minEncryptionVersion() == null ? minEncryptionVersion : c.minEncryptionVersion();
    if (minDec < 1) {
      minDec = 1;
    }
    if (minDec > latestVersion || minEnc > latestVersion) {
      throw ApiError.badRequest("cannot set a minimum version above the latest version");
    }
    if (minEnc > 0 && minEnc < minDec) {
      throw ApiError.badRequest("min_encryption_version must not be below min_decryption_version");
    }
    if (minDec < minAvailableVersion) {
      throw ApiError.badRequest("min_decryption_version is below the trimmed versions");
    }
    boolean export = c.exportable() == null ? exportable : c.exportable();
    if (exportable && !export) {
      throw ApiError.badRequest("exportability cannot be disabled once enabled");
    }
    boolean backup =
        c.allowPlaintextBackup() == null ? allowPlaintextBackup : c.allowPlaintextBackup();
    if (allowPlaintextBackup && !backup) {
      throw ApiError.badRequest("allow_plaintext_backup cannot be disabled once enabled");
    }
    checkExport(type, export, backup);
    return new TransitKey(
        name,
        type,
        derived,
        convergent,
        export,
        backup,
        c.deletionAllowed() == null ? deletionAllowed : c.deletionAllowed(),
        latestVersion,
        minDec,
        minEnc,
        minAvailableVersion,
        c.autoRotatePeriodSeconds() == null ? autoRotatePeriodSeconds : c.autoRotatePeriodSeconds(),
        versions,
        encryptions);
  }

  /** Deletes versions below {@code minAvailable}; they can never decrypt again. */
  TransitKey trimmed(int minAvailable) {
    if (minAvailable < 1) {
      throw ApiError.badRequest("min_available_version must be at least 1");
    }
    if (minAvailable > minDecryptionVersion) {
      throw ApiError.badRequest("min_available_version cannot be above min_decryption_version");
    }
    if (minEncryptionVersion > 0 && minAvailable > minEncryptionVersion) {
      throw ApiError.badRequest("min_available_version cannot be above min_encryption_version");
    }
    Map<Integer, KeyVersion> kept = new TreeMap<>(versions);
    kept.keySet().removeIf(v -> v < minAvailable);
    return new TransitKey(
        name,
        type,
        derived,
        convergent,
        exportable,
        allowPlaintextBackup,
        deletionAllowed,
        latestVersion,
        minDecryptionVersion,
        minEncryptionVersion,
        minAvailable,
        autoRotatePeriodSeconds,
        kept,
        encryptions);
  }

  /** A copy whose counts are at least {@code counted} per version. */
  TransitKey withEncryptions(Map<Integer, Long> counted) {
    Map<Integer, Long> merged = new TreeMap<>(encryptions);
    counted.forEach((v, n) -> merged.merge(v, n, Math::max));
    merged.keySet().retainAll(versions.keySet());
    return new TransitKey(
        name,
        type,
        derived,
        convergent,
        exportable,
        allowPlaintextBackup,
        deletionAllowed,
        latestVersion,
        minDecryptionVersion,
        minEncryptionVersion,
        minAvailableVersion,
        autoRotatePeriodSeconds,
        versions,
        merged);
  }

  @Override
  public String toString() {
    return "TransitKey[" + name + ", " + type.wireName() + ", v" + latestVersion + "]";
  }
}
