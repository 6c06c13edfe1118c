package org.keyward.server;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.keyward.barrier.Barrier;
import org.keyward.barrier.BarrierLimits;
import org.keyward.barrier.HsmGateway;
import org.keyward.barrier.KeyringAdmin;
import org.keyward.barrier.Reencryptor;
import org.keyward.barrier.SealControl;
import org.keyward.barrier.VaultSeal;
import org.keyward.storage.CachingStorage;
import org.keyward.storage.Storage;

/**
 * The seal and its keys over one store: the barrier, the HSM seal, background re-encryption and the
 * keyring's admin operations; the storage read cache follows the seal.
 */
final class SealAssembly {
  private final Barrier barrier;
  private final VaultSeal seal;
  private final Reencryptor reencryptor;
  private final KeyringAdmin keys;

  SealAssembly(Vertx vertx, Storage storage, HsmGateway hsm, Clock clock) {
    this.barrier = new Barrier(storage, BarrierLimits.DEFAULT);
    this.seal =
        new VaultSeal(
            vertx, storage, hsm, barrier, clock, Duration.ofSeconds(1), Duration.ofMinutes(1));
    if (storage instanceof CachingStorage cache) {
      // The read cache is right only while this node is the one writer: unsealed (with HA, only
      // the active unseals). Registered first, so it is cold before anything loads or unloads.
      seal.addListener(
          new SealControl.Listener() {
            @Override
            public void unsealed() {
              cache.startServing();
            }

            @Override
            public void sealing() {
              cache.stopServing();
            }
          });
    }
    this.reencryptor = new Reencryptor(storage, barrier, clock, 100);
    seal.addListener(reencryptor);
    this.keys = new KeyringAdmin(seal, reencryptor, clock);
  }

  Barrier barrier() {
    return barrier;
  }

  VaultSeal seal() {
    return seal;
  }

  Reencryptor reencryptor() {
    return reencryptor;
  }

  KeyringAdmin keys() {
    return keys;
  }
}
