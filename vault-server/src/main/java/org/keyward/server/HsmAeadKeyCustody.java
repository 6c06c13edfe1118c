package org.keyward.server;

import com.google.crypto.tink.Aead;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.keyward.engine.AeadKeyCustody;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;
import org.keyward.http.ApiError;

/**
 * Transit's {@code hsm-aes256-gcm} keys as AES-256 token objects {@code <keyId>-v<N>} of the key
 * provider, generated there (sensitive, non-extractable, encrypt/decrypt only). Every call runs on
 * the shared {@code hsm} worker pool; the provider's AEAD handles are cached per label so a warm
 * encryption is exactly one PKCS#11 encrypt. HSM failures become 503 with public text; the
 * provider's own message (labels, {@code CKR_*}) goes to the log only.
 */
final class HsmAeadKeyCustody implements AeadKeyCustody {
  private static final System.Logger LOG = System.getLogger(HsmAeadKeyCustody.class.getName());

  private final KeyProvider provider;
  private final WorkerExecutor hsm;
  private final ConcurrentHashMap<String, Aead> handles = new ConcurrentHashMap<>();
  private final Keys keys = new ProviderKeys();

  HsmAeadKeyCustody(Vertx vertx, KeyProvider provider) {
    this.provider = provider;
    this.hsm = vertx.createSharedWorkerExecutor(CompositionRoot.HSM_POOL);
  }

  @Override
  public Future<Void> generate(String keyId, int version) {
    KeyRef ref = ref(keyId, version);
    return onHsm(
        () -> {
          handles.put(ref.label(), provider.createAesKey(ref));
          return null;
        });
  }

  @Override
  public Future<Void> destroy(String keyId, List<Integer> versions) {
    List<KeyRef> refs = versions.stream().map(v -> ref(keyId, v)).toList();
    return onHsm(
        () -> {
          for (KeyRef ref : refs) {
            handles.remove(ref.label());
            provider.destroy(ref);
          }
          return null;
        });
  }

  @Override
  public <T> Future<T> withKeys(Function<Keys, T> work) {
    return onHsm(() -> work.apply(keys));
  }

  private final class ProviderKeys implements Keys {
    @Override
    public byte[] seal(String keyId, int version, byte[] plaintext, byte[] associatedData) {
      try {
        return aead(ref(keyId, version)).encrypt(plaintext, associatedData);
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
        return aead(ref(keyId, version)).decrypt(payload, associatedData);
      } catch (HsmException e) {
        if (e.kind() == HsmException.Kind.INTEGRITY) {
          throw new GeneralSecurityException("ciphertext does not authenticate");
        }
        throw new Failed(e);
      }
    }
  }

  private Aead aead(KeyRef ref) throws HsmException {
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

  private <T> Future<T> onHsm(Callable<T> work) {
    return hsm.executeBlocking(
        () -> {
          try {
            return work.call();
          } catch (HsmException e) {
            throw unavailable(e);
          } catch (Failed e) {
            throw unavailable(e.hsm);
          }
        },
        false);
  }

  private static ApiError unavailable(HsmException e) {
    LOG.log(Level.WARNING, "transit HSM key operation failed: " + e.kind() + ": " + e.getMessage());
    return e.kind() == HsmException.Kind.KEY_NOT_FOUND
        ? ApiError.unavailable("HSM key not found")
        : ApiError.unavailable("HSM unavailable");
  }

  private static KeyRef ref(String keyId, int version) {
    try {
      return new KeyRef(keyId, version);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("bad HSM key id from the transit engine", e);
    }
  }
}
