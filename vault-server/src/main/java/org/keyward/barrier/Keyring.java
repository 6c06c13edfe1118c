package org.keyward.barrier;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The barrier's data keys: a Tink keyset of AES-256-GCM keys, one per term, the newest primary.
 * Immutable and thread-safe: rotation and retirement return a new keyring. Tink's 5-byte output
 * prefix carries the key id, so a ciphertext names the key that opens it and old entries keep
 * reading after a rotation.
 *
 * <p>Never leaves memory unencrypted except through {@link #toCleartextKeyset()}, used only to seal
 * the recovery copy to the operator's public key.
 */
public final class Keyring {
  /** Tink's prefix: one version byte then the big-endian key id. */
  private static final int TINK_PREFIX = 5;

  static {
    try {
      // Key generation inside KeysetHandle.Builder looks creators up in the global registry.
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeysetHandle handle;
  private final Aead aead;
  private final List<KeyringTerm> terms;

  private Keyring(KeysetHandle handle, List<KeyringTerm> terms) throws GeneralSecurityException {
    this.handle = handle;
    this.aead = handle.getPrimitive(AeadConfig2026.get(), Aead.class);
    List<KeyringTerm> sorted = new ArrayList<>(terms);
    sorted.sort((a, b) -> Integer.compare(a.term(), b.term()));
    this.terms = Collections.unmodifiableList(sorted);
    if (handle.size() != sorted.size()) {
      throw new GeneralSecurityException(
          "keyring has " + handle.size() + " keys but terms for " + sorted.size());
    }
    for (KeyringTerm t : sorted) {
      if (!hasKey(handle, t.keyId())) {
        throw new GeneralSecurityException("keyring term " + t.term() + " has no key");
      }
    }
    if (handle.getPrimary().getId() != sorted.get(sorted.size() - 1).keyId()) {
      throw new GeneralSecurityException("keyring primary is not its newest term");
    }
  }

  /** A new keyring with a single AES-256-GCM key as term 1. */
  public static Keyring generate(Instant now) throws GeneralSecurityException {
    KeysetHandle handle =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
    return new Keyring(handle, List.of(new KeyringTerm(1, handle.getPrimary().getId(), now)));
  }

  /** Rebuilds a keyring from its keyset and term metadata; fails if they disagree. */
  static Keyring of(KeysetHandle handle, List<KeyringTerm> terms) throws GeneralSecurityException {
    return new Keyring(handle, terms);
  }

  /** A keyring with a new key as term {@code primary().term() + 1}, made primary. */
  public Keyring rotate(Instant now) throws GeneralSecurityException {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
    builder.addEntry(
        KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
            .withRandomId()
            .makePrimary());
    KeysetHandle rotated = builder.build();
    List<KeyringTerm> next = new ArrayList<>(terms);
    next.add(new KeyringTerm(primary().term() + 1, rotated.getPrimary().getId(), now));
    return new Keyring(rotated, next);
  }

  /** A keyring holding only the primary term; entries under older terms no longer open. */
  public Keyring retireOlderTerms() throws GeneralSecurityException {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
    for (int i = builder.size() - 1; i >= 0; i--) {
      if (!builder.getAt(i).isPrimary()) {
        builder.deleteAt(i);
      }
    }
    return new Keyring(builder.build(), List.of(primary()));
  }

  /**
   * Encrypts under the primary key with {@code associatedData} bound; output starts with its id.
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    return aead.encrypt(plaintext, associatedData);
  }

  /** Decrypts with the key the ciphertext names; fails if the data or associated data changed. */
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    return aead.decrypt(ciphertext, associatedData);
  }

  public KeyringTerm primary() {
    return terms.get(terms.size() - 1);
  }

  /** All terms, oldest first. */
  public List<KeyringTerm> terms() {
    return terms;
  }

  /** The term whose key made {@code ciphertext}, or null if no key of this keyring did. */
  public KeyringTerm termOf(byte[] ciphertext) {
    if (ciphertext.length < TINK_PREFIX) {
      return null;
    }
    int keyId = keyIdOf(ciphertext, 0);
    for (KeyringTerm t : terms) {
      if (t.keyId() == keyId) {
        return t;
      }
    }
    return null;
  }

  /** The Tink key id in the prefix that starts at {@code offset}. */
  static int keyIdOf(byte[] ciphertext, int offset) {
    return ((ciphertext[offset + 1] & 0xff) << 24)
        | ((ciphertext[offset + 2] & 0xff) << 16)
        | ((ciphertext[offset + 3] & 0xff) << 8)
        | (ciphertext[offset + 4] & 0xff);
  }

  /**
   * The keyset encrypted under {@code kek} with {@code associatedData}; for {@code core/keyring}.
   */
  byte[] wrap(Aead kek, byte[] associatedData) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, kek, associatedData);
  }

  static Keyring unwrap(byte[] wrapped, Aead kek, byte[] associatedData, List<KeyringTerm> terms)
      throws GeneralSecurityException {
    return new Keyring(
        TinkProtoKeysetFormat.parseEncryptedKeyset(
            wrapped, kek, associatedData, AeadConfig2026.get()),
        terms);
  }

  /**
   * The keyset in clear: only to be encrypted at once to the recovery public key. Callers must not
   * keep, log or store the result.
   */
  byte[] toCleartextKeyset() throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
  }

  static Keyring fromCleartextKeyset(byte[] keyset, List<KeyringTerm> terms)
      throws GeneralSecurityException {
    return new Keyring(
        TinkProtoKeysetFormat.parseKeyset(
            keyset, InsecureSecretKeyAccess.get(), AeadConfig2026.get()),
        terms);
  }

  /** The terms as bound associated data: changing any stored term metadata breaks the unwrap. */
  static String canonicalTerms(List<KeyringTerm> terms) {
    return terms.stream().map(KeyringTerm::canonical).collect(Collectors.joining(","));
  }

  private static boolean hasKey(KeysetHandle handle, int keyId) {
    for (int i = 0; i < handle.size(); i++) {
      if (handle.getAt(i).getId() == keyId) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Keyring[terms=" + terms.size() + ", primary=" + primary().term() + "]";
  }
}
