package org.keyward.client;

import java.util.List;

/** Blocking transit operations at one mount; see {@link AsyncTransit}. */
public final class Transit {
  private final AsyncTransit async;

  Transit(AsyncTransit async) {
    this.async = async;
  }

  public void createKey(String name, String type) {
    Blocking.await(async.createKey(name, type));
  }

  public void rotateKey(String name) {
    Blocking.await(async.rotateKey(name));
  }

  public Ciphertext encrypt(String key, SecretBytes plaintext) {
    return Blocking.await(async.encrypt(key, plaintext));
  }

  public SecretBytes decrypt(String key, Ciphertext ciphertext) {
    return Blocking.await(async.decrypt(key, ciphertext));
  }

  public Ciphertext rewrap(String key, Ciphertext ciphertext) {
    return Blocking.await(async.rewrap(key, ciphertext));
  }

  public List<Ciphertext> encryptBatch(String key, List<SecretBytes> plaintexts) {
    return Blocking.await(async.encryptBatch(key, plaintexts));
  }

  public List<SecretBytes> decryptBatch(String key, List<Ciphertext> ciphertexts) {
    return Blocking.await(async.decryptBatch(key, ciphertexts));
  }

  public DataKey dataKey(String key, boolean withPlaintext, int bits) {
    return Blocking.await(async.dataKey(key, withPlaintext, bits));
  }

  public TransitSignature sign(String key, byte[] input) {
    return Blocking.await(async.sign(key, input));
  }

  public boolean verify(String key, byte[] input, TransitSignature signature) {
    return Blocking.await(async.verify(key, input, signature));
  }

  public TransitHmac hmac(String key, byte[] input) {
    return Blocking.await(async.hmac(key, input));
  }

  public boolean verifyHmac(String key, byte[] input, TransitHmac hmac) {
    return Blocking.await(async.verifyHmac(key, input, hmac));
  }
}
