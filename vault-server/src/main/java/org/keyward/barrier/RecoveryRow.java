package org.keyward.barrier;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

/**
 * The raw row {@code core/recovery-keyring}: the operator's recovery public key (HPKE, X25519,
 * HKDF-SHA256, AES-256-GCM) and a copy of the keyring encrypted to it. Only the public key is kept,
 * so the row is rewritten on every keyring change without any secret; the private key is handed to
 * the operator once at init and opens the copy when the HSM or its KEK is lost.
 */
record RecoveryRow(byte[] publicKeyset, byte[] sealedKeyring, List<KeyringTerm> terms) {
  static final String KEY = "core/recovery-keyring";
  private static final int FORMAT = 1;

  static {
    try {
      HybridConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  RecoveryRow {
    publicKeyset = publicKeyset.clone();
    sealedKeyring = sealedKeyring.clone();
    terms = List.copyOf(terms);
  }

  /** A new recovery key pair: the private keyset, serialized in clear, for the operator only. */
  static KeysetHandle newRecoveryKey() throws GeneralSecurityException {
    HpkeParameters params =
        HpkeParameters.builder()
            .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
            .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
            .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
            .setVariant(HpkeParameters.Variant.NO_PREFIX)
            .build();
    return KeysetHandle.generateNew(params);
  }

  static byte[] serializePrivate(KeysetHandle recoveryKey) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeyset(recoveryKey, InsecureSecretKeyAccess.get());
  }

  static byte[] publicKeysetOf(KeysetHandle recoveryKey) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeysetWithoutSecret(recoveryKey.getPublicKeysetHandle());
  }

  /** Seals {@code keyring} to {@code publicKeyset}; no secret is needed, so any rotation can. */
  static RecoveryRow seal(byte[] publicKeyset, Keyring keyring) throws GeneralSecurityException {
    HybridEncrypt encrypt =
        TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset)
            .getPrimitive(HybridEncrypt.class);
    byte[] sealed = encrypt.encrypt(keyring.toCleartextKeyset(), contextInfo(keyring.terms()));
    return new RecoveryRow(publicKeyset, sealed, keyring.terms());
  }

  /**
   * Opens the keyring copy with the operator's private recovery keyset.
   *
   * @throws GeneralSecurityException if the key is not the one this row was sealed to, or the row
   *     was altered
   */
  Keyring open(byte[] privateKeyset) throws GeneralSecurityException {
    HybridDecrypt decrypt =
        TinkProtoKeysetFormat.parseKeyset(privateKeyset, InsecureSecretKeyAccess.get())
            .getPrimitive(HybridDecrypt.class);
    byte[] keyset = decrypt.decrypt(sealedKeyring, contextInfo(terms));
    return Keyring.fromCleartextKeyset(keyset, terms);
  }

  private static byte[] contextInfo(List<KeyringTerm> terms) {
    return (KEY + "\n" + Keyring.canonicalTerms(terms)).getBytes(StandardCharsets.UTF_8);
  }

  byte[] toBytes() {
    return new JsonObject()
        .put("format", FORMAT)
        .put("public_key", Base64.getEncoder().encodeToString(publicKeyset))
        .put("keyring", Base64.getEncoder().encodeToString(sealedKeyring))
        .put("terms", KeyringRow.termsJson(terms))
        .toBuffer()
        .getBytes();
  }

  static RecoveryRow parse(byte[] bytes) {
    try {
      JsonObject json = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      if (json.getInteger("format", 0) != FORMAT) {
        throw new IllegalArgumentException("unknown recovery format");
      }
      return new RecoveryRow(
          Base64.getDecoder().decode(json.getString("public_key")),
          Base64.getDecoder().decode(json.getString("keyring")),
          KeyringRow.parseTerms(json.getJsonArray("terms")));
    } catch (RuntimeException e) {
      throw new BarrierIntegrityException(KEY, e);
    }
  }
}
