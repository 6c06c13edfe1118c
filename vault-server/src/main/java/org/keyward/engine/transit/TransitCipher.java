package org.keyward.engine.transit;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import org.keyward.http.ApiError;

/**
 * Encrypts and decrypts with a loaded key in Vault's format: picks the version, derives a
 * per-context key for {@code derived} keys (with a convergent nonce when configured), frames the
 * result as {@link VaultCiphertext}. Non-derived keys use the cached cipher, so the hot path is a
 * map look-up plus one AEAD call. Every failure the caller can cause is a 400.
 */
final class TransitCipher {
  private TransitCipher() {}

  /** A sealed payload ({@code nonce || ciphertext || tag}) and the key version that sealed it. */
  record Sealed(int version, byte[] payload) {
    VaultCiphertext toCiphertext() {
      return new VaultCiphertext(version, Base64.getEncoder().encodeToString(payload));
    }

    @Override
    public String toString() {
      return "Sealed[v" + version + "]";
    }
  }

  static VaultCiphertext encrypt(
      LoadedKey loaded, byte[] plaintext, byte[] context, byte[] associatedData, int keyVersion) {
    return seal(loaded, plaintext, context, associatedData, keyVersion).toCiphertext();
  }

  /** As {@link #encrypt}, before the payload is framed as text. */
  static Sealed seal(
      LoadedKey loaded, byte[] plaintext, byte[] context, byte[] associatedData, int keyVersion) {
    TransitKey key = requireAead(loaded.key(), "encryption");
    int version = key.encryptionVersion(keyVersion);
    KeyVersion material = key.version(version);
    if (material == null) {
      throw ApiError.badRequest("key version " + version + " was trimmed");
    }
    byte[] payload;
    if (key.derived()) {
      int n = key.type().symmetricKeyBytes();
      byte[] derived =
          KeyDerivation.derive(material.key(), requireContext(context), n, key.convergent());
      AeadCipher cipher = new AeadCipher(key.type(), Arrays.copyOf(derived, n));
      payload =
          key.convergent()
              ? cipher.seal(
                  KeyDerivation.convergentNonce(derived, n, plaintext), plaintext, associatedData)
              : cipher.seal(plaintext, associatedData);
    } else {
      payload = loaded.cipher(version).seal(plaintext, associatedData);
    }
    return new Sealed(version, payload);
  }

  static byte[] decrypt(
      LoadedKey loaded, VaultCiphertext ciphertext, byte[] context, byte[] associatedData) {
    TransitKey key = requireAead(loaded.key(), "decryption");
    KeyVersion material = key.decryptionVersion(ciphertext.version());
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(ciphertext.payload());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid ciphertext: could not decode base64");
    }
    AeadCipher cipher;
    if (key.derived()) {
      int n = key.type().symmetricKeyBytes();
      byte[] derived = KeyDerivation.derive(material.key(), requireContext(context), n, false);
      cipher = new AeadCipher(key.type(), derived);
    } else {
      cipher = loaded.cipher(ciphertext.version());
    }
    try {
      return cipher.open(payload, associatedData);
    } catch (GeneralSecurityException e) {
      throw ApiError.badRequest("invalid ciphertext: unable to decrypt");
    }
  }

  private static TransitKey requireAead(TransitKey key, String what) {
    if (!key.type().isAead()) {
      throw ApiError.badRequest("key type " + key.type().wireName() + " does not support " + what);
    }
    return key;
  }

  private static byte[] requireContext(byte[] context) {
    if (context == null || context.length == 0) {
      throw ApiError.badRequest("missing 'context' for key derivation: the key is derived");
    }
    return context;
  }
}
