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
import org.keyward.snapshot.ManifestSigner;

/**
 * Signs with one EC P-256 key pair made and kept in the HSM under a fixed reference (found or
 * created on first use), through the {@link HsmGateway}: the audit key {@code audit-v1} signs audit
 * checkpoints ({@link #audit}), the snapshot key {@code snapshot-v1} snapshot manifests ({@link
 * #snapshot}). Blocking: signing runs only on workers (the audit log uses the gateway's pool).
 */
final class HsmKeySigner implements CheckpointSigner, ManifestSigner {
  static final KeyRef AUDIT_KEY = new KeyRef("audit", 1);
  static final KeyRef SNAPSHOT_KEY = new KeyRef("snapshot", 1);

  private final HsmGateway hsm;
  private final KeyRef ref;
  private final String lookup;
  private final String signing;
  private volatile CaSigner signer;

  /**
   * @param lookup the operation a key lookup is named by in HSM failures, e.g. "audit key lookup"
   * @param signing the operation a signature is named by, e.g. "audit checkpoint signing"
   */
  private HsmKeySigner(HsmGateway hsm, KeyRef ref, String lookup, String signing) {
    this.hsm = hsm;
    this.ref = ref;
    this.lookup = lookup;
    this.signing = signing;
  }

  /** The audit checkpoint signer. */
  static HsmKeySigner audit(HsmGateway hsm) {
    return new HsmKeySigner(hsm, AUDIT_KEY, "audit key lookup", "audit checkpoint signing");
  }

  /** The snapshot manifest signer. */
  static HsmKeySigner snapshot(HsmGateway hsm) {
    return new HsmKeySigner(hsm, SNAPSHOT_KEY, "snapshot key lookup", "snapshot manifest signing");
  }

  /** Opens the key on the HSM pool, so no later signature or verify waits for it on a loop. */
  Future<PublicKey> open() {
    return hsm.call(lookup, provider -> signer(provider).publicKey());
  }

  private CaSigner signer(KeyProvider provider) throws GeneralSecurityException {
    CaSigner s = signer;
    if (s == null) {
      synchronized (this) {
        if (signer == null) {
          signer = provider.createSigner(ref, SigningAlgorithm.EC_P256);
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
   * The public key. Opens the HSM key on first use, which is a blocking HSM call, so on an event
   * loop it answers only once the key is open (the server opens the audit key on a worker at
   * unseal).
   */
  @Override
  public PublicKey publicKey() {
    CaSigner opened = signer;
    if (opened != null) {
      return opened.publicKey();
    }
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(lookup + ": key not opened yet");
    }
    return hsm.blocking(lookup, provider -> signer(provider).publicKey());
  }

  @Override
  public byte[] sign(byte[] data) {
    return hsm.blocking(signing, provider -> signer(provider).sign(data));
  }
}
