package org.keyward.barrier;

import io.vertx.core.Future;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.keyward.hsm.KeyProvider;

/**
 * The one way to change the stored keyring rows ({@code core/keyring} and its recovery copy): in
 * the seal's order, so never beside an init, unseal, seal or another change; computed on the HSM
 * pool from the rows as stored; written in one compare-and-set against the row that was read; and a
 * new keyring installed in the barrier before the next operation in that order starts. {@link
 * VaultSeal} implements it, so {@link KeyringAdmin} sees neither its queue nor its HSM gateway nor
 * its row store.
 */
interface KeyringChanges {
  /** Blocking, on the HSM pool: what to store, from the rows as stored. */
  @FunctionalInterface
  interface Change<T> {
    Outcome<T> compute(KeyProvider provider, KeyringRow stored, Optional<RecoveryRow> recovery)
        throws GeneralSecurityException;
  }

  /**
   * A change's result and what it stores.
   *
   * @param row the new keyring row, or null to store nothing
   * @param recovery the new recovery copy, or null to leave it as it is
   * @param install the keyring to put to use once {@code row} is stored, or null
   */
  record Outcome<T>(T result, KeyringRow row, RecoveryRow recovery, Keyring install) {
    static <T> Outcome<T> nothingStored(T result) {
      return new Outcome<>(result, null, null, null);
    }

    static <T> Outcome<T> stored(T result, KeyringRow row) {
      return new Outcome<>(result, row, null, null);
    }

    static Outcome<Keyring> installed(Keyring keyring, KeyringRow row, RecoveryRow recovery) {
      return new Outcome<>(keyring, row, recovery, keyring);
    }
  }

  /**
   * Runs {@code change} as described above, naming {@code what} in HSM failures. Fails with {@link
   * VaultSealedException} while sealed; with the HSM's or the change's own failure, storing
   * nothing.
   */
  <T> Future<T> changeKeyring(String what, Change<T> change);
}
