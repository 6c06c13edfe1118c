package org.keyward.engine;

import io.vertx.core.Future;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.Function;
import org.keyward.http.ApiError;

/**
 * AES-256-GCM keys that a custodian (the HSM) generates and keeps: an engine names a key version
 * and hands it data; the key bytes never come out. Engines may not reach the HSM themselves
 * (layering), so the composition root supplies this over the key provider.
 *
 * <p>Threading: every call runs on the {@code hsm} worker pool, never on an event loop, and its
 * future completes on the caller's context. A custodian that fails (token gone, key object missing)
 * fails the future with {@link ApiError#unavailable} and public text only.
 */
public interface AeadKeyCustody {
  /**
   * Generates version {@code version} of {@code keyId} unless the custodian already holds it, so an
   * optimistic writer that retries gets the same key.
   */
  Future<Void> generate(String keyId, int version);

  /** Destroys the given versions of {@code keyId}; versions it does not hold are skipped. */
  Future<Void> destroy(String keyId, List<Integer> versions);

  /**
   * Runs {@code work} once on the {@code hsm} pool with blocking access to the keys, so a batch of
   * many items costs one hop to the pool. {@code work} must not touch Vert.x futures or storage.
   */
  <T> Future<T> withKeys(Function<Keys, T> work);

  /** Blocking access to the keys, valid only inside {@link #withKeys}. */
  interface Keys {
    /** {@code nonce(12) || ciphertext || tag(16)} under a fresh random nonce. */
    byte[] seal(String keyId, int version, byte[] plaintext, byte[] associatedData);

    /**
     * Opens what {@link #seal} made.
     *
     * @throws GeneralSecurityException when the payload is too short or does not authenticate
     */
    byte[] open(String keyId, int version, byte[] payload, byte[] associatedData)
        throws GeneralSecurityException;
  }

  /** For engines built without a custodian (unit tests): every call fails with 400. */
  AeadKeyCustody NONE =
      new AeadKeyCustody() {
        @Override
        public Future<Void> generate(String keyId, int version) {
          return Future.failedFuture(refused());
        }

        @Override
        public Future<Void> destroy(String keyId, List<Integer> versions) {
          return Future.failedFuture(refused());
        }

        @Override
        public <T> Future<T> withKeys(Function<Keys, T> work) {
          return Future.failedFuture(refused());
        }

        private ApiError refused() {
          return ApiError.badRequest("this server has no HSM for HSM-resident keys");
        }
      };
}
