package org.keyward.server;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.keyward.barrier.HsmGateway;
import org.keyward.hsm.CaSigner;
import org.keyward.hsm.KeyProvider;
import org.keyward.hsm.KeyRef;
import org.keyward.hsm.SigningAlgorithm;
import org.keyward.snapshot.ManifestSigner;

/**
 * Signs snapshot manifests with the snapshot key {@code snapshot-v1}, an EC P-256 key pair made and
 * kept in the HSM (found or created on first use), through the {@link HsmGateway} as {@link
 * HsmCheckpointSigner} does for audit checkpoints. Blocking: called only on workers.
 */
final class HsmManifestSigner implements ManifestSigner {
  static final KeyRef SNAPSHOT_KEY = new KeyRef("snapshot", 1);

  private final HsmGateway hsm;
  private volatile CaSigner signer;

  HsmManifestSigner(HsmGateway hsm) {
    this.hsm = hsm;
  }

  private CaSigner signer(KeyProvider provider) throws GeneralSecurityException {
    CaSigner s = signer;
    if (s == null) {
      synchronized (this) {
        if (signer == null) {
          signer = provider.createSigner(SNAPSHOT_KEY, SigningAlgorithm.EC_P256);
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

  @Override
  public PublicKey publicKey() {
    return hsm.blocking("snapshot key lookup", provider -> signer(provider).publicKey());
  }

  @Override
  public byte[] sign(byte[] data) {
    return hsm.blocking("snapshot manifest signing", provider -> signer(provider).sign(data));
  }
}
