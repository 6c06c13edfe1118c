package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.keyward.engine.AeadKeyCustody;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.VaultResponse;

/**
 * Encrypt, decrypt, rewrap and datakey for {@code hsm-aes256-gcm} keys: the key is an HSM object,
 * so every item is a PKCS#11 call. A whole request (a batch of any size) runs as one task on the
 * {@code hsm} worker pool, never on the event loop; the answer has Vault's shapes and {@code
 * vault:vN:} ciphertexts over the same {@code nonce || ciphertext || tag} payload as software AES
 * keys. Encryptions are counted (GCM's use limit applies in the HSM too) back on the event loop.
 */
final class TransitHsmCrypto {

  private final TransitKeyStore store;
  private final AeadKeyCustody custody;

  TransitHsmCrypto(TransitKeyStore store, AeadKeyCustody custody) {
    this.store = store;
    this.custody = custody;
  }

  /** What ran on the HSM pool: the answer and the version of every encryption made. */
  private record Done(VaultResponse response, List<Integer> sealedVersions) {}

  Future<VaultResponse> encrypt(BatchRequest request, LoadedKey loaded) {
    TransitKey key = loaded.key();
    String id = store.hsmKeyId(key.name());
    return run(
        loaded,
        (keys, counted) ->
            BatchResults.run(
                request,
                item -> {
                  TransitCryptoRoutes.rejectNonce(item);
                  byte[] plaintext = Fields.base64(item, "plaintext", true);
                  return seal(keys, counted, key, id, plaintext, item, request.body());
                }));
  }

  Future<VaultResponse> decrypt(BatchRequest request, LoadedKey loaded) {
    TransitKey key = loaded.key();
    String id = store.hsmKeyId(key.name());
    return run(
        loaded,
        (keys, counted) ->
            BatchResults.run(
                request,
                item ->
                    new JsonObject()
                        .put(
                            "plaintext",
                            Base64.getEncoder().encodeToString(open(keys, key, id, item)))));
  }

  Future<VaultResponse> rewrap(BatchRequest request, LoadedKey loaded) {
    TransitKey key = loaded.key();
    String id = store.hsmKeyId(key.name());
    return run(
        loaded,
        (keys, counted) ->
            BatchResults.run(
                request,
                item -> {
                  byte[] plaintext = open(keys, key, id, item);
                  return seal(keys, counted, key, id, plaintext, item, request.body());
                }));
  }

  Future<VaultResponse> datakey(TransitCryptoRoutes.DataKeyRequest request, LoadedKey loaded) {
    TransitKey key = loaded.key();
    String id = store.hsmKeyId(key.name());
    JsonObject body = request.request().body();
    return run(
        loaded,
        (keys, counted) -> {
          byte[] dataKey = new byte[request.bits() / 8];
          AeadCipher.random().nextBytes(dataKey);
          JsonObject data = seal(keys, counted, key, id, dataKey, body, body);
          if (request.returnPlaintext()) {
            data.put("plaintext", Base64.getEncoder().encodeToString(dataKey));
          }
          return VaultResponse.data(data);
        });
  }

  @FunctionalInterface
  private interface Work {
    VaultResponse apply(AeadKeyCustody.Keys keys, List<Integer> sealedVersions);
  }

  private Future<VaultResponse> run(LoadedKey loaded, Work work) {
    return custody
        .withKeys(
            keys -> {
              List<Integer> counted = new ArrayList<>();
              return new Done(work.apply(keys, counted), counted);
            })
        .map(
            done -> {
              done.sealedVersions().forEach(v -> store.countEncryption(loaded, v));
              return done.response();
            });
  }

  private static JsonObject seal(
      AeadKeyCustody.Keys keys,
      List<Integer> counted,
      TransitKey key,
      String id,
      byte[] plaintext,
      JsonObject item,
      JsonObject body) {
    int version = key.encryptionVersion(TransitCryptoRoutes.keyVersion(item, body));
    byte[] payload =
        keys.seal(id, version, plaintext, Fields.base64(item, "associated_data", false));
    counted.add(version);
    return new JsonObject()
        .put(
            "ciphertext",
            new VaultCiphertext(version, Base64.getEncoder().encodeToString(payload)).toString())
        .put("key_version", version);
  }

  private static byte[] open(AeadKeyCustody.Keys keys, TransitKey key, String id, JsonObject item) {
    VaultCiphertext ct = VaultCiphertext.parse(Fields.requiredString(item, "ciphertext"));
    key.decryptionVersion(ct.version());
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(ct.payload());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid ciphertext: could not decode base64");
    }
    try {
      return keys.open(id, ct.version(), payload, Fields.base64(item, "associated_data", false));
    } catch (GeneralSecurityException e) {
      throw ApiError.badRequest("invalid ciphertext: unable to decrypt");
    }
  }
}
