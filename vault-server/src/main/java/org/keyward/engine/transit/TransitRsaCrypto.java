package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.VaultResponse;

/**
 * Encrypt, decrypt and rewrap with {@code rsa-2048} and {@code rsa-3072} keys as Vault does:
 * RSA-OAEP with SHA-256 for both the hash and MGF1 and an empty label, ciphertext {@code
 * vault:v<N>:base64(c)}; only {@code padding_scheme=oaep} (the default). RSA private-key operations
 * take milliseconds, so a whole request runs as one task on a worker thread, never on the event
 * loop. No {@code associated_data}, no derivation (RSA has neither in Vault).
 */
final class TransitRsaCrypto {
  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private final Vertx vertx;

  TransitRsaCrypto(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<VaultResponse> encrypt(BatchRequest request, LoadedKey loaded) {
    TransitKey key = loaded.key();
    return onWorker(
        () ->
            BatchResults.run(
                request,
                item -> seal(key, Fields.base64(item, "plaintext", true), item, request.body())));
  }

  Future<VaultResponse> decrypt(BatchRequest request, LoadedKey loaded) {
    TransitKey key = loaded.key();
    return onWorker(
        () ->
            BatchResults.run(
                request,
                item ->
                    new JsonObject()
                        .put("plaintext", Base64.getEncoder().encodeToString(open(key, item)))));
  }

  Future<VaultResponse> rewrap(BatchRequest request, LoadedKey loaded) {
    TransitKey key = loaded.key();
    return onWorker(
        () -> BatchResults.run(request, item -> seal(key, open(key, item), item, request.body())));
  }

  private Future<VaultResponse> onWorker(java.util.concurrent.Callable<VaultResponse> work) {
    return vertx.executeBlocking(work, false);
  }

  private static JsonObject seal(
      TransitKey key, byte[] plaintext, JsonObject item, JsonObject body) {
    checkItem(item);
    int version = key.encryptionVersion(TransitCryptoRoutes.keyVersion(item, body));
    byte[] ciphertext;
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(
          Cipher.ENCRYPT_MODE,
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(key.version(version).publicKey())),
          OAEP);
      ciphertext = rsa.doFinal(plaintext);
    } catch (IllegalBlockSizeException e) {
      throw ApiError.badRequest(
          "plaintext too long for " + key.type().wireName() + " with OAEP SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP encryption failed", e);
    }
    return new JsonObject()
        .put(
            "ciphertext",
            new VaultCiphertext(version, Base64.getEncoder().encodeToString(ciphertext)).toString())
        .put("key_version", version);
  }

  /** Opens the item's ciphertext under {@code key}. */
  private static byte[] open(TransitKey key, JsonObject item) {
    checkItem(item);
    VaultCiphertext ct = VaultCiphertext.parse(Fields.requiredString(item, "ciphertext"));
    KeyVersion version = key.decryptionVersion(ct.version());
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(ct.payload());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid ciphertext: could not decode base64");
    }
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(
          Cipher.DECRYPT_MODE,
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(version.key())),
          OAEP);
      return rsa.doFinal(payload);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw ApiError.badRequest("invalid ciphertext: unable to decrypt");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP decryption failed", e);
    }
  }

  private static void checkItem(JsonObject item) {
    String padding = Fields.string(item, "padding_scheme", "oaep");
    if (!padding.equals("oaep")) {
      throw ApiError.badRequest("padding_scheme must be 'oaep' (the only one Keyward serves)");
    }
    if (item.getValue("associated_data") != null) {
      throw ApiError.badRequest("associated_data is not supported for RSA keys");
    }
    if (item.getValue("context") != null) {
      throw ApiError.badRequest("context is not supported for RSA keys: they are not derived");
    }
  }
}
