package org.keyward.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CheckpointSigner} over a JDK P-256 key, standing in for the HSM key in unit tests (the
 * SoftHSM-backed one is wired by the server). Counts its calls, so tests can show signing is
 * batched.
 */
final class TestCheckpointSigner implements CheckpointSigner {
  private final KeyPair keys;
  private final AtomicInteger calls = new AtomicInteger();

  TestCheckpointSigner() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      keys = gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String algorithm() {
    return "SHA256withECDSA";
  }

  @Override
  public PublicKey publicKey() {
    return keys.getPublic();
  }

  @Override
  public byte[] sign(byte[] data) throws GeneralSecurityException {
    calls.incrementAndGet();
    Signature s = Signature.getInstance(algorithm());
    s.initSign(keys.getPrivate());
    s.update(data);
    return s.sign();
  }

  int calls() {
    return calls.get();
  }
}
