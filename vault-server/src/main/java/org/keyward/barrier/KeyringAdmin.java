package org.keyward.barrier;

import com.google.crypto.tink.Aead;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.keyward.hsm.KeyRef;

/**
 * Rotates the keyring and the KEK. Each change goes through the seal's {@link KeyringChanges}:
 * computed on the {@code hsm} pool (the new row must be wrapped by the KEK) and stored in one
 * compare-and-set write that also refreshes the recovery copy. The order is always: create what is
 * new, write the new wrapping, only then retire anything, so a crash at any point leaves a keyring
 * that some KEK in the token opens. Serialised with init, seal and unseal through the seal's queue.
 */
public final class KeyringAdmin implements KeyAdmin {
  private static final System.Logger LOG = System.getLogger(KeyringAdmin.class.getName());

  private final KeyringChanges changes;
  private final Barrier barrier;
  private final Reencryptor reencryptor;
  private final Clock clock;

  public KeyringAdmin(VaultSeal seal, Reencryptor reencryptor, Clock clock) {
    this(seal, seal.barrier(), reencryptor, clock);
  }

  KeyringAdmin(KeyringChanges changes, Barrier barrier, Reencryptor reencryptor, Clock clock) {
    this.changes = changes;
    this.barrier = barrier;
    this.reencryptor = reencryptor;
    this.clock = clock;
    barrier.onRotationDue(
        () ->
            rotate().onFailure(e -> LOG.log(Level.ERROR, "automatic keyring rotation failed", e)));
  }

  @Override
  public Future<KeyStatus> rotate() {
    return change("keyring rotation", (keyring, kek) -> keyring.rotate(clock.instant()))
        .map(k -> keyStatus());
  }

  @Override
  public KeyStatus keyStatus() {
    KeyringTerm primary = barrier.keyring().primary();
    return new KeyStatus(
        primary.term(), primary.installTime(), barrier.encryptions(primary.keyId()));
  }

  @Override
  public Future<Integer> rotateKek() {
    return changes.changeKeyring(
        "KEK rotation",
        (provider, stored, recovery) -> {
          // The new KEK exists in the token before anything points to it; the old one stays
          // until an explicit destroy.
          KeyRef next = VaultSeal.nextKek(provider, stored.kek().version());
          Aead kek = provider.createKek(next);
          return KeyringChanges.Outcome.stored(
              next.version(), KeyringRow.wrap(barrier.keyring(), next, kek));
        });
  }

  @Override
  public Future<KekStatus> kekStatus() {
    return changes.changeKeyring(
        "KEK status",
        (provider, stored, recovery) ->
            KeyringChanges.Outcome.nothingStored(
                new KekStatus(provider.versions(VaultSeal.KEK_NAME), stored.kek().version())));
  }

  @Override
  public Future<Void> destroyKek(int version) {
    if (version < 1) {
      return Future.failedFuture(new BarrierRefusalException("KEK version must be >= 1"));
    }
    return changes.changeKeyring(
        "KEK destroy",
        (provider, stored, recovery) -> {
          if (stored.kek().version() == version) {
            throw new BarrierRefusalException(
                "KEK version " + version + " wraps the keyring; rotate first");
          }
          if (!provider.versions(VaultSeal.KEK_NAME).contains(version)) {
            throw new BarrierRefusalException("no KEK version " + version + " in the HSM");
          }
          provider.destroy(new KeyRef(VaultSeal.KEK_NAME, version));
          return KeyringChanges.Outcome.nothingStored(null);
        });
  }

  @Override
  public Future<List<Integer>> retireOlderTerms() {
    Keyring before;
    try {
      before = barrier.keyring();
    } catch (VaultSealedException e) {
      return Future.failedFuture(e);
    }
    return reencryptor
        .status()
        .compose(
            status -> {
              String refusal = status.refusesRetirement(before.primary().term());
              if (refusal != null) {
                return Future.failedFuture(new BarrierRefusalException(refusal));
              }
              List<Integer> retired = new ArrayList<>();
              return change(
                      "keyring retirement",
                      (keyring, kek) -> {
                        if (keyring.primary().term() != before.primary().term()) {
                          throw new BarrierRefusalException(
                              "keyring rotated meanwhile; re-encrypt first");
                        }
                        keyring.terms().stream()
                            .filter(t -> t.term() != keyring.primary().term())
                            .forEach(t -> retired.add(t.term()));
                        return keyring.retireOlderTerms();
                      })
                  .map(k -> retired);
            });
  }

  /** A keyring change: the next keyring from the one in use, under the KEK in use. */
  private interface Change {
    Keyring apply(Keyring current, Aead kek) throws GeneralSecurityException;
  }

  /** Computes the next keyring on the hsm pool, stores it and its recovery copy, installs it. */
  private Future<Keyring> change(String what, Change change) {
    return changes.changeKeyring(
        what,
        (provider, stored, recovery) -> {
          Aead kek = provider.kek(stored.kek());
          Keyring next = change.apply(barrier.keyring(), kek);
          RecoveryRow copy =
              recovery.isEmpty() ? null : RecoveryRow.seal(recovery.get().publicKeyset(), next);
          return KeyringChanges.Outcome.installed(
              next, KeyringRow.wrap(next, stored.kek(), kek), copy);
        });
  }
}
