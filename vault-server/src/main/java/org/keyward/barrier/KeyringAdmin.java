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
 * Rotates the keyring and the KEK. Each change is computed on the {@code hsm} pool (the new row
 * must be wrapped by the KEK) and stored with {@link KeyringStore#replace}, one atomic write that
 * also refreshes the recovery copy. The order is always: create what is new, write the new
 * wrapping, only then retire anything, so a crash at any point leaves a keyring that some KEK in
 * the token opens. Serialised with init, seal and unseal through the seal's queue.
 */
public final class KeyringAdmin implements KeyAdmin {
  private static final System.Logger LOG = System.getLogger(KeyringAdmin.class.getName());

  private final VaultSeal seal;
  private final Reencryptor reencryptor;
  private final Clock clock;
  private final Barrier barrier;

  public KeyringAdmin(VaultSeal seal, Reencryptor reencryptor, Clock clock) {
    this.seal = seal;
    this.reencryptor = reencryptor;
    this.clock = clock;
    this.barrier = seal.barrier();
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
    return seal.queue()
        .submit(
            () ->
                current()
                    .compose(
                        stored ->
                            seal.hsm()
                                .call(
                                    "KEK rotation",
                                    provider -> {
                                      // The new KEK exists in the token before anything points to
                                      // it; the old one stays until an explicit destroy.
                                      KeyRef next =
                                          VaultSeal.nextKek(provider, stored.row.kek().version());
                                      Aead kek = provider.createKek(next);
                                      return KeyringRow.wrap(barrier.keyring(), next, kek);
                                    })
                                .compose(
                                    row ->
                                        seal.keyrings()
                                            .replace(stored.bytes, row, null)
                                            .map(v -> row.kek().version()))));
  }

  @Override
  public Future<KekStatus> kekStatus() {
    return current()
        .compose(
            stored ->
                seal.hsm()
                    .call("KEK status", provider -> provider.versions(VaultSeal.KEK_NAME))
                    .map(versions -> new KekStatus(versions, stored.row.kek().version())));
  }

  @Override
  public Future<Void> destroyKek(int version) {
    if (version < 1) {
      return Future.failedFuture(new BarrierRefusalException("KEK version must be >= 1"));
    }
    return seal.queue()
        .submit(
            () ->
                current()
                    .compose(
                        stored -> {
                          if (stored.row.kek().version() == version) {
                            return Future.failedFuture(
                                new BarrierRefusalException(
                                    "KEK version " + version + " wraps the keyring; rotate first"));
                          }
                          KeyRef ref = new KeyRef(VaultSeal.KEK_NAME, version);
                          return seal.hsm()
                              .call(
                                  "KEK destroy",
                                  provider -> {
                                    if (!provider.versions(VaultSeal.KEK_NAME).contains(version)) {
                                      throw new BarrierRefusalException(
                                          "no KEK version " + version + " in the HSM");
                                    }
                                    provider.destroy(ref);
                                    return null;
                                  });
                        }));
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

  /** A keyring change: computes the next keyring on the hsm pool, stores both rows, installs it. */
  private interface Change {
    Keyring apply(Keyring current, Aead kek) throws GeneralSecurityException;
  }

  private Future<Keyring> change(String what, Change change) {
    return seal.queue()
        .submit(
            () -> current().compose(stored -> prepare(what, change, stored)).compose(this::commit));
  }

  /** On the hsm pool: the next keyring, wrapped by the KEK in use, and its recovery copy. */
  private Future<Prepared> prepare(String what, Change change, Stored stored) {
    return seal.keyrings()
        .readRecovery()
        .compose(
            recovery ->
                seal.hsm()
                    .call(
                        what,
                        provider -> {
                          Aead kek = provider.kek(stored.row.kek());
                          Keyring next = change.apply(barrier.keyring(), kek);
                          RecoveryRow copy =
                              recovery.isEmpty()
                                  ? null
                                  : RecoveryRow.seal(recovery.get().publicKeyset(), next);
                          KeyringRow row = KeyringRow.wrap(next, stored.row.kek(), kek);
                          return new Prepared(stored.bytes, next, row, copy);
                        }));
  }

  /** Stores the new rows in one write, and only then puts the new keyring to use. */
  private Future<Keyring> commit(Prepared p) {
    return seal.keyrings()
        .replace(p.expected, p.row, p.recovery)
        .compose(
            v -> {
              barrier.replaceKeyring(p.keyring);
              // A new primary has no durable counter ceiling yet: reserve one now.
              return barrier.reserve().map(p.keyring);
            });
  }

  private record Prepared(byte[] expected, Keyring keyring, KeyringRow row, RecoveryRow recovery) {}

  private record Stored(byte[] bytes, KeyringRow row) {}

  /** The stored keyring row; fails sealed while sealed. */
  private Future<Stored> current() {
    if (barrier.isSealed()) {
      return Future.failedFuture(new VaultSealedException());
    }
    return seal.keyrings()
        .readKeyringBytes()
        .map(b -> new Stored(b.orElseThrow(VaultSealedException::new), KeyringRow.parse(b.get())));
  }
}
