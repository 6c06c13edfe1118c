package org.keyward.hsm;

import com.google.crypto.tink.Aead;
import java.util.List;

/**
 * The barrier's whole view of key custody: key-encryption keys and signing keys addressed by {@link
 * KeyRef}, whose private material never leaves the provider. Implementations are thread-safe and
 * blocking (PKCS#11 calls are JNI calls): run every method on a worker thread.
 *
 * <p>The {@link Aead} returned for a KEK encrypts with a fresh random IV and authenticates the
 * associated data; its methods throw {@link HsmException} (a {@code GeneralSecurityException}).
 */
public interface KeyProvider extends AutoCloseable {
  /** Short description for logs and status, e.g. {@code pkcs11 token 'keyward'}; no secrets. */
  String description();

  /**
   * The existing AES-256 KEK for {@code ref}.
   *
   * @throws HsmException of kind {@link HsmException.Kind#KEY_NOT_FOUND} if the token has none
   */
  Aead kek(KeyRef ref) throws HsmException;

  /** Finds the KEK for {@code ref} or generates it: AES-256, token, sensitive, not extractable. */
  Aead createKek(KeyRef ref) throws HsmException;

  /**
   * The existing AES-256 data key for {@code ref}, made by {@link #createAesKey}: AES-GCM like a
   * KEK, for data an engine encrypts inside the HSM (transit's {@code hsm-aes256-gcm} keys).
   *
   * @throws HsmException of kind {@link HsmException.Kind#KEY_NOT_FOUND} if the token has none
   */
  Aead aesKey(KeyRef ref) throws HsmException;

  /**
   * Finds the AES-256 data key for {@code ref} or generates it in the HSM: token, sensitive, not
   * extractable, usable only to encrypt and decrypt (no wrap, unwrap, sign or derive). Idempotent,
   * so a caller retrying after a lost answer gets the same key.
   */
  Aead createAesKey(KeyRef ref) throws HsmException;

  /** Key wrap (RFC 5649) under the existing KEK {@code ref}. */
  KeyWrapper keyWrapper(KeyRef ref) throws HsmException;

  /**
   * The existing signing key pair for {@code ref}.
   *
   * @throws HsmException of kind {@link HsmException.Kind#KEY_NOT_FOUND} if the token has none
   */
  CaSigner signer(KeyRef ref) throws HsmException;

  /** Finds the signing key pair for {@code ref} or generates it with {@code algorithm}. */
  CaSigner createSigner(KeyRef ref, SigningAlgorithm algorithm) throws HsmException;

  /** Versions of {@code name} present in the token, ascending (e.g. [1, 2] for kek-v1, kek-v2). */
  List<Integer> versions(String name) throws HsmException;

  /** Destroys every object labelled {@code ref.label()}. Irreversible; for explicit admin calls. */
  void destroy(KeyRef ref) throws HsmException;

  /** Checks that the token answers and the session is logged in; reconnects if it can. */
  void ping() throws HsmException;

  @Override
  void close();
}
