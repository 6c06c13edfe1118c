package org.keyward.engine.transit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code encrypt/:name}, {@code decrypt/:name}, {@code rewrap/:name} and {@code
 * datakey/:kind/:name}. For software keys, once the key is in cache these run on the event loop
 * without blocking: one AEAD call per item, no HSM call, no storage read. {@code hsm-aes256-gcm}
 * keys go to {@link TransitHsmCrypto} (the {@code hsm} worker pool).
 */
final class TransitCryptoRoutes {

  private final TransitKeyStore store;
  private final Vertx vertx;
  private final TransitHsmCrypto hsm;
  private final TransitRsaCrypto rsa;

  TransitCryptoRoutes(
      TransitKeyStore store, Vertx vertx, TransitHsmCrypto hsm, TransitRsaCrypto rsa) {
    this.store = store;
    this.vertx = vertx;
    this.hsm = hsm;
    this.rsa = rsa;
  }

  /** A datakey request: {@code kind} is {@code plaintext} or {@code wrapped}. */
  record DataKeyRequest(BatchRequest request, boolean returnPlaintext, int bits) {
    static DataKeyRequest from(RequestContext ctx) {
      String kind = ctx.param("kind");
      if (!kind.equals("plaintext") && !kind.equals("wrapped")) {
        throw ApiError.badRequest("datakey type must be 'plaintext' or 'wrapped'");
      }
      long bits = Fields.integer(ctx.body(), "bits", 256);
      if (bits != 128 && bits != 256 && bits != 512) {
        throw ApiError.badRequest("field 'bits' must be 128, 256 or 512");
      }
      if (ctx.body().containsKey("batch_input")) {
        throw ApiError.badRequest("datakey does not take batch_input");
      }
      return new DataKeyRequest(BatchRequest.from(ctx), kind.equals("plaintext"), (int) bits);
    }
  }

  /**
   * Vault's existence check on {@code encrypt/}: encrypting under a missing key creates it, so the
   * caller then needs {@code create}, and {@code update} once the key exists. Loads the key into
   * the cache, where {@link #encrypt} finds it without a second read.
   */
  Future<Boolean> keyExists(BatchRequest request, RequestContext ctx) {
    return store.find(request.name()).map(Optional::isPresent);
  }

  /**
   * Encrypts; a missing key is created as Vault's upsert does (type from {@code type}, derived when
   * a context is given), which the existence check above lets only a caller with {@code create}
   * reach.
   */
  Future<VaultResponse> encrypt(BatchRequest request, RequestContext ctx) {
    return store
        .find(request.name())
        .compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : upsert(request))
        .compose(
            loaded ->
                inHsm(loaded)
                    ? hsm.encrypt(request, loaded)
                    : loaded.key().type().isRsa()
                        ? rsa.encrypt(request, loaded)
                        : sealAll(
                            request,
                            loaded,
                            item -> {
                              rejectNonce(item);
                              return Fields.base64(item, "plaintext", true);
                            }));
  }

  Future<VaultResponse> decrypt(BatchRequest request, RequestContext ctx) {
    return store
        .require(request.name())
        .compose(
            loaded ->
                inHsm(loaded)
                    ? hsm.decrypt(request, loaded)
                    : loaded.key().type().isRsa()
                        ? rsa.decrypt(request, loaded)
                        : BatchResults.run(
                            request,
                            vertx,
                            () -> item -> ItemAnswer.plaintext(open(loaded, item)),
                            action -> {}));
  }

  Future<VaultResponse> rewrap(BatchRequest request, RequestContext ctx) {
    return store
        .require(request.name())
        .compose(
            loaded ->
                inHsm(loaded)
                    ? hsm.rewrap(request, loaded)
                    : loaded.key().type().isRsa()
                        ? rsa.rewrap(request, loaded)
                        : sealAll(request, loaded, item -> open(loaded, item)));
  }

  /**
   * A software AEAD key's encrypt or rewrap: every item sealed and counted; {@code plaintextOf}
   * gives an item's plaintext (its field, or its opened ciphertext).
   */
  private Future<VaultResponse> sealAll(
      BatchRequest request, LoadedKey loaded, Function<JsonObject, byte[]> plaintextOf) {
    return BatchResults.run(
        request,
        vertx,
        () -> new SealItems(request.body(), loaded, plaintextOf),
        items -> items.tally.addTo(store, loaded));
  }

  /** Seals items one by one and counts what it sealed; one per chunk of a batch, or per datakey. */
  private static final class SealItems implements Function<JsonObject, ItemAnswer> {
    private final JsonObject body;
    private final LoadedKey loaded;
    private final Function<JsonObject, byte[]> plaintextOf;
    private final EncryptionTally tally = new EncryptionTally();

    SealItems(JsonObject body, LoadedKey loaded, Function<JsonObject, byte[]> plaintextOf) {
      this.body = body;
      this.loaded = loaded;
      this.plaintextOf = plaintextOf;
    }

    @Override
    public ItemAnswer apply(JsonObject item) {
      byte[] plaintext = plaintextOf.apply(item);
      TransitCipher.Sealed sealed =
          TransitCipher.seal(
              loaded,
              plaintext,
              Fields.base64(item, "context", false),
              Fields.base64(item, "associated_data", false),
              keyVersion(item, body));
      tally.add(sealed.version());
      return ItemAnswer.ciphertext(sealed);
    }
  }

  Future<VaultResponse> datakey(DataKeyRequest request, RequestContext ctx) {
    JsonObject body = request.request().body();
    return store
        .require(request.request().name())
        .compose(
            loaded -> {
              if (inHsm(loaded)) {
                return hsm.datakey(request, loaded);
              }
              byte[] dataKey = new byte[request.bits() / 8];
              AeadCipher.random().nextBytes(dataKey);
              SealItems seal = new SealItems(body, loaded, item -> dataKey);
              JsonObject data = seal.apply(body).toJson();
              seal.tally.addTo(store, loaded);
              if (request.returnPlaintext()) {
                data.put("plaintext", Base64.getEncoder().encodeToString(dataKey));
              }
              return Future.succeededFuture(VaultResponse.data(data));
            });
  }

  private static boolean inHsm(LoadedKey loaded) {
    return loaded.key().type().isHsmResident();
  }

  private static byte[] open(LoadedKey loaded, JsonObject item) {
    VaultCiphertext ct = VaultCiphertext.parse(Fields.requiredString(item, "ciphertext"));
    return TransitCipher.decrypt(
        loaded,
        ct,
        Fields.base64(item, "context", false),
        Fields.base64(item, "associated_data", false));
  }

  private Future<LoadedKey> upsert(BatchRequest request) {
    JsonObject body = request.body();
    KeyType type = KeyType.fromWire(Fields.string(body, "type", KeyType.AES256_GCM96.wireName()));
    boolean derived = request.items().stream().anyMatch(i -> i.getValue("context") != null);
    boolean convergent = Fields.bool(body, "convergent_encryption", false);
    // Checked before the store makes the first version: for an HSM key type that is a token
    // object, which a refused request must not leave behind.
    try {
      TransitKey.checkSettings(type, derived, convergent, 0);
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    return store.create(
        request.name(),
        type,
        first ->
            TransitKey.create(
                request.name().value(), type, derived, convergent, false, false, 0, first));
  }

  // Vault's caller-supplied nonces (convergent scheme 1) are unsafe; scheme 3 derives the nonce.
  static void rejectNonce(JsonObject item) {
    if (item.getValue("nonce") != null && !item.getString("nonce", "").isEmpty()) {
      throw ApiError.badRequest("nonce provided when not allowed");
    }
  }

  static int keyVersion(JsonObject item, JsonObject body) {
    long v = Fields.integer(item, "key_version", Fields.integer(body, "key_version", 0));
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw ApiError.badRequest("field 'key_version' must be a key version");
    }
    return (int) v;
  }
}
