package org.keyward.engine.transit;

/**
 * One version of a transit key. {@code key} is the raw symmetric key or the PKCS#8 private key;
 * {@code hmacKey} is a separate random key for the {@code hmac} endpoint on non-HMAC types (as
 * Vault keeps one per version); {@code publicKey} is X.509 DER for asymmetric types, else null.
 * Arrays are shared, not copied: instances never leave the package and nothing mutates them.
 */
record KeyVersion(long creationTime, byte[] key, byte[] hmacKey, byte[] publicKey) {
  @Override
  public String toString() {
    return "KeyVersion[" + creationTime + ", REDACTED]";
  }
}
