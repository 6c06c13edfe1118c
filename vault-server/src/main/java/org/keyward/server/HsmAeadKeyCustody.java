package org.keyward.server;

import com.google.crypto.tink.Aead;
import io.vertx.core.Future;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.keyward.barrier.HsmGateway;
import org.keyward.engine.AeadKeyCustody;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;

/**
 * Transit's {@code hsm-aes256-gcm} keys as AES-256 token objects {@code <keyId>-v<N>} of the key
 * provider, generated there (sensitive, non-extractable, encrypt/decrypt only). Every call goes
 * through the {@link HsmGateway}, whose failures reach the engine as the edge's 503 ({@link
 * BarrierErrorTranslator#forEngines}); the provider's AEAD handles are cached per label so a warm
 * encryption is exactly one PKCS#11 encrypt.
 */
final class HsmAeadKeyCustody implements AeadKeyCustody {
  private final HsmGateway hsm;
  private final ConcurrentHashMap<String, Aead> handles = new ConcurrentHashMap<>();

  HsmAeadKeyCustody(HsmGateway hsm) {
    this.hsm = hsm;
  }

  @Override
  public Future<Void> generate(String keyId, int version) {
    KeyRef ref = ref(keyId, version);
    return BarrierErrorTranslator.forEngines(
        hsm.call(
            "transit HSM key generation",
            provider -> {
              handles.put(ref.label(), provider.createAesKey(ref));
              return null;
            }));
  }

  @Override
  public Future<Void> destroy(String keyId, List<Integer> versions) {
    List<KeyRef> refs = versions.stream().map(v -> ref(keyId, v)).toList();
    return BarrierErrorTranslator.forEngines(
        hsm.call(
            "transit HSM key destruction",
            provider -> {
              for (KeyRef ref : refs) {
                handles.remove(ref.label());
                provider.destroy(ref);
              }
              return null;
            }));
  }

  @Override
  public <T> Future<T> withKeys(Function<Keys, T> work) {
    // Queued: many small calls, one PKCS#11 operation each (see HsmGateway#callQueued).
    return BarrierErrorTranslator.forEngines(
        hsm.callQueued(
            "transit HSM key operation",
            provider -> {
              try {
                return work.apply(new ProviderKeys(provider));
              } catch (Failed e) {
                throw e.hsm;
              }
            }));
  }

  private final class ProviderKeys implements Keys {
    private final KeyProvider provider;

    ProviderKeys(KeyProvider provider) {
      this.provider = provider;
    }

    @Override
    public byte[] seal(String keyId, int version, byte[] plaintext, byte[] associatedData) {
      try {
        return aead(provider, ref(keyId, version)).encrypt(plaintext, associatedData);
      } catch (HsmException e) {
        throw new Failed(e);
      } catch (GeneralSecurityException e) {
        throw new Failed(new HsmException(HsmException.Kind.FAILED, "encrypt failed", e));
      }
    }

    @Override
    public byte[] open(String keyId, int version, byte[] payload, byte[] associatedData)
        throws GeneralSecurityException {
      try {
        return aead(provider, ref(keyId, version)).decrypt(payload, associatedData);
      } catch (HsmException e) {
        if (e.kind() == HsmException.Kind.INTEGRITY) {
          throw new GeneralSecurityException("ciphertext does not authenticate");
        }
        throw new Failed(e);
      }
    }
  }

  private Aead aead(KeyProvider provider, KeyRef ref) throws HsmException {
    Aead cached = handles.get(ref.label());
    if (cached != null) {
      return cached;
    }
    Aead found = provider.aesKey(ref);
    handles.put(ref.label(), found);
    return found;
  }

  /** Carries an HSM failure out of the engine's work, past its per-item error handling. */
  private static final class Failed extends RuntimeException {
    final HsmException hsm;

    Failed(HsmException hsm) {
      super(null, null, false, false);
      this.hsm = hsm;
    }
  }

  private static KeyRef ref(String keyId, int version) {
    try {
      return new KeyRef(keyId, version);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("bad HSM key id from the transit engine", e);
    }
  }
}
