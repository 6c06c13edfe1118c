package org.keyward.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.keyward.audit.CheckpointSigner;
import org.keyward.barrier.HsmGateway;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;

/**
 * Signs audit checkpoints with the audit key {@code audit-v1}, an EC P-256 key pair made and kept
 * in the HSM (found or created on first use), through the {@link HsmGateway}. Blocking: the audit
 * log calls it only on the gateway's pool ({@link HsmGateway#executor()}).
 */
final class HsmCheckpointSigner implements CheckpointSigner {
  static final KeyRef AUDIT_KEY = new KeyRef("audit", 1);

  private final HsmGateway hsm;
  private volatile CaSigner signer;

  HsmCheckpointSigner(HsmGateway hsm) {
    this.hsm = hsm;
  }

  /** Opens the audit key on the HSM pool, so no checkpoint or verify waits for it on a loop. */
  Future<PublicKey> open() {
    return hsm.call("audit key lookup", provider -> signer(provider).publicKey());
  }

  private CaSigner signer(KeyProvider provider) throws GeneralSecurityException {
    CaSigner s = signer;
    if (s == null) {
      synchronized (this) {
        if (signer == null) {
          signer = provider.createSigner(AUDIT_KEY, SigningAlgorithm.EC_P256);
        }
        s = signer;
      }
    }
    return s;
  }

  @Override
  public String algorithm() {
    return SigningAlgorithm.EC_P256.jcaName();
  }

  /**
   * The audit public key. Opens the HSM key on first use, which is a blocking HSM call, so on an
   * event loop it answers only once the key is open (the server opens it on a worker at unseal).
   */
  @Override
  public PublicKey publicKey() {
    CaSigner opened = signer;
    if (opened != null) {
      return opened.publicKey();
    }
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("audit key not opened yet");
    }
    return hsm.blocking("audit key lookup", provider -> signer(provider).publicKey());
  }

  @Override
  public byte[] sign(byte[] data) {
    return hsm.blocking("audit checkpoint signing", provider -> signer(provider).sign(data));
  }
}
