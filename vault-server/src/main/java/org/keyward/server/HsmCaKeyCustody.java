package org.keyward.server;

import io.vertx.core.Future;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keyward.barrier.HsmGateway;
import org.keyward.engine.pki.CaKey;
import org.keyward.engine.pki.CaKeyCustody;
import org.keyward.engine.pki.CaKeyType;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;
import org.keyward.http.ApiError;

/**
 * The PKI engine's CA keys inside the HSM: each CA key is a token key pair {@code <name>-v1},
 * generated there as sensitive and non-extractable, and every signature is a PKCS#11 call through
 * the {@link HsmGateway} (which logs an HSM failure's cause; the engine sees it as the 503 the edge
 * gives, {@link BarrierErrorTranslator#forEngines}). RSA-2048 CA keys are refused (below 128-bit
 * strength). A key once found is kept (its label, algorithm and public key; the private key is
 * looked up by the adapter at each signature), so an issuance costs one HSM call, the signature,
 * not two lookups more.
 */
final class HsmCaKeyCustody implements CaKeyCustody {
  private final HsmGateway hsm;
  private final Map<String, CaKey> found = new ConcurrentHashMap<>();

  HsmCaKeyCustody(HsmGateway hsm) {
    this.hsm = hsm;
  }

  @Override
  public Future<CaKey> createKey(String keyName, CaKeyType type) {
    SigningAlgorithm algorithm = algorithm(type);
    KeyRef ref = ref(keyName);
    return BarrierErrorTranslator.forEngines(
            hsm.call(
                "CA key generation",
                provider -> (CaKey) new HsmCaKey(provider.createSigner(ref, algorithm), type)))
        .onSuccess(key -> found.put(keyName, key));
  }

  @Override
  public Future<CaKey> key(String keyName) {
    CaKey known = found.get(keyName);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    KeyRef ref = ref(keyName);
    return BarrierErrorTranslator.forEngines(
            hsm.call(
                "CA key lookup",
                provider -> {
                  CaSigner signer = provider.signer(ref);
                  return (CaKey) new HsmCaKey(signer, typeOf(signer.algorithm()));
                }))
        .onSuccess(key -> found.put(keyName, key));
  }

  private static KeyRef ref(String keyName) {
    try {
      return new KeyRef(keyName, 1);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid CA key name");
    }
  }

  private static SigningAlgorithm algorithm(CaKeyType type) {
    switch (type) {
      case EC_P256:
        return SigningAlgorithm.EC_P256;
      case EC_P384:
        return SigningAlgorithm.EC_P384;
      case RSA_3072:
        return SigningAlgorithm.RSA_3072;
      default:
        throw ApiError.badRequest(
            "HSM-held CA keys must be ec 256, ec 384 or rsa 3072; rsa 2048 is below 128-bit"
                + " strength");
    }
  }

  private static CaKeyType typeOf(SigningAlgorithm algorithm) {
    switch (algorithm) {
      case EC_P384:
        return CaKeyType.EC_P384;
      case RSA_3072:
        return CaKeyType.RSA_3072;
      default:
        return CaKeyType.EC_P256;
    }
  }

  private final class HsmCaKey implements CaKey {
    private final CaSigner signer;
    private final CaKeyType type;

    HsmCaKey(CaSigner signer, CaKeyType type) {
      this.signer = signer;
      this.type = type;
    }

    @Override
    public String name() {
      return signer.ref().name();
    }

    @Override
    public CaKeyType type() {
      return type;
    }

    @Override
    public PublicKey publicKey() {
      return signer.publicKey();
    }

    @Override
    public Future<byte[]> sign(byte[] tbs) {
      byte[] copy = tbs.clone();
      // A key gone from the token (deleted, token replaced) is looked up afresh next time.
      return BarrierErrorTranslator.forEngines(
              hsm.call("CA signing", provider -> signer.sign(copy)))
          .onFailure(e -> found.remove(name(), this));
    }
  }
}
