package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.util.Base64;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code sign/:name}, {@code verify/:name} (signatures and HMACs) and {@code hmac/:name}, each with
 * an optional {@code /:algorithm}. Signatures and HMACs carry Vault's {@code vault:v<N>:} prefix.
 * RSA private-key operations take milliseconds, so RSA signing runs on a worker thread; everything
 * else (ECDSA, Ed25519, HMAC, all verifies) is fast enough for the event loop.
 */
final class TransitSignRoutes {
  private final TransitKeyStore store;
  private final Vertx vertx;

  TransitSignRoutes(TransitKeyStore store, Vertx vertx) {
    this.store = store;
    this.vertx = vertx;
  }

  /** A batchable request with the algorithm from the path, else the body. */
  record SignRequest(BatchRequest batch, HashAlgorithm hash, AsymmetricSigner.Options options) {
    static SignRequest from(RequestContext ctx) {
      JsonObject body = ctx.body();
      String fromPath = ctx.params().get("algorithm");
      String field = body.containsKey("algorithm") ? "algorithm" : "hash_algorithm";
      HashAlgorithm hash =
          HashAlgorithm.fromWire(fromPath != null ? fromPath : Fields.string(body, field, null));
      String sigAlg = Fields.string(body, "signature_algorithm", "pss");
      if (!sigAlg.equals("pss") && !sigAlg.equals("pkcs1v15")) {
        throw ApiError.badRequest("field 'signature_algorithm' must be 'pss' or 'pkcs1v15'");
      }
      String marshaling = Fields.string(body, "marshaling_algorithm", "asn1");
      if (!marshaling.equals("asn1") && !marshaling.equals("jws")) {
        throw ApiError.badRequest("field 'marshaling_algorithm' must be 'asn1' or 'jws'");
      }
      int saltLength = saltLength(Fields.string(body, "salt_length", "auto"), hash);
      return new SignRequest(
          BatchRequest.from(ctx),
          hash,
          new AsymmetricSigner.Options(
              hash,
              Fields.bool(body, "prehashed", false),
              sigAlg.equals("pss"),
              marshaling.equals("jws"),
              saltLength));
    }

    // Known gap: Vault's "auto" signs with the longest salt and detects it on verify; the JDK
    // needs one length, so "auto" here means the hash length (as "hash" does).
    private static int saltLength(String value, HashAlgorithm hash) {
      if (value.equals("auto") || value.equals("hash")) {
        return hash.digest(new byte[0]).length;
      }
      try {
        int n = Integer.parseInt(value);
        if (n >= 0 && n <= 512) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw ApiError.badRequest("field 'salt_length' must be 'auto', 'hash' or a byte count");
    }
  }

  Future<VaultResponse> sign(SignRequest r, RequestContext ctx) {
    return store
        .require(r.batch().name())
        .compose(
            loaded ->
                loaded.key().type().isRsa()
                    ? vertx.executeBlocking(() -> signAll(loaded.key(), r), false)
                    : Future.succeededFuture(signAll(loaded.key(), r)));
  }

  private static VaultResponse signAll(TransitKey key, SignRequest r) {
    return BatchResults.run(
        r.batch(),
        item -> {
          if (!key.type().supportsSigning()) {
            throw ApiError.badRequest(
                "key type " + key.type().wireName() + " does not support signing");
          }
          int version = key.encryptionVersion(keyVersion(item, r.batch().body()));
          byte[] input = Fields.base64(item, "input", true);
          byte[] sig =
              AsymmetricSigner.sign(key.type(), key.version(version).key(), input, r.options());
          String encoded =
              r.options().jws() && key.type() == KeyType.ECDSA_P256
                  ? Base64.getUrlEncoder().withoutPadding().encodeToString(sig)
                  : Base64.getEncoder().encodeToString(sig);
          return new JsonObject()
              .put("signature", new VaultCiphertext(version, encoded).toString())
              .put("key_version", version);
        });
  }

  Future<VaultResponse> hmac(SignRequest r, RequestContext ctx) {
    return store
        .require(r.batch().name())
        .map(
            loaded ->
                BatchResults.run(
                    r.batch(),
                    item -> {
                      TransitKey key = loaded.key();
                      int version = key.encryptionVersion(keyVersion(item, r.batch().body()));
                      byte[] mac =
                          r.hash()
                              .hmac(
                                  hmacKey(key, key.version(version)),
                                  Fields.base64(item, "input", true));
                      return new JsonObject()
                          .put(
                              "hmac",
                              new VaultCiphertext(version, Base64.getEncoder().encodeToString(mac))
                                  .toString())
                          .put("key_version", version);
                    }));
  }

  Future<VaultResponse> verify(SignRequest r, RequestContext ctx) {
    return store
        .require(r.batch().name())
        .map(
            loaded ->
                BatchResults.run(
                    r.batch(),
                    item -> new JsonObject().put("valid", verifyItem(loaded.key(), item, r))));
  }

  private static boolean verifyItem(TransitKey key, JsonObject item, SignRequest r) {
    byte[] input = Fields.base64(item, "input", true);
    String signature = Fields.string(item, "signature", null);
    String hmac = Fields.string(item, "hmac", null);
    if ((signature == null) == (hmac == null)) {
      throw ApiError.badRequest("give exactly one of 'signature' or 'hmac'");
    }
    VaultCiphertext claimed = VaultCiphertext.parse(hmac != null ? hmac : signature);
    KeyVersion version = key.decryptionVersion(claimed.version());
    if (hmac != null) {
      byte[] expected = r.hash().hmac(hmacKey(key, version), input);
      return MessageDigest.isEqual(expected, decode(claimed.payload(), false));
    }
    if (!key.type().supportsSigning()) {
      throw ApiError.badRequest("key type " + key.type().wireName() + " does not support signing");
    }
    boolean urlSafe = r.options().jws() && key.type() == KeyType.ECDSA_P256;
    return AsymmetricSigner.verify(
        key.type(), version.publicKey(), input, decode(claimed.payload(), urlSafe), r.options());
  }

  private static byte[] hmacKey(TransitKey key, KeyVersion version) {
    if (key.type().isHsmResident()) {
      // Its versions hold no software key; an HMAC key beside it would leave the HSM's protection.
      throw ApiError.badRequest("key type hsm-aes256-gcm does not support hmac");
    }
    return key.type() == KeyType.HMAC ? version.key() : version.hmacKey();
  }

  private static byte[] decode(String payload, boolean urlSafe) {
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(payload);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid signature: could not decode base64");
    }
  }

  private static int keyVersion(JsonObject item, JsonObject body) {
    long v = Fields.integer(item, "key_version", Fields.integer(body, "key_version", 0));
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw ApiError.badRequest("field 'key_version' must be a key version");
    }
    return (int) v;
  }
}
