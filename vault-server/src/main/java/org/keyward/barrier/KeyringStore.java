package org.keyward.barrier;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageOp;

/**
 * Reads and replaces the raw rows {@code core/keyring} and {@code core/recovery-keyring}. Every
 * change writes both in one storage transaction that first checks the keyring row is still the one
 * the change started from, so a crash leaves either the old pair or the new pair, never a mix, and
 * two concurrent changes cannot both win.
 */
final class KeyringStore {
  private final Storage storage;

  KeyringStore(Storage storage) {
    this.storage = storage;
  }

  /** The stored keyring row's bytes, empty before init. */
  Future<Optional<byte[]>> readKeyringBytes() {
    return storage.get(KeyringRow.KEY).map(e -> e.map(StorageEntry::value));
  }

  Future<Optional<RecoveryRow>> readRecovery() {
    return storage.get(RecoveryRow.KEY).map(e -> e.map(r -> RecoveryRow.parse(r.value())));
  }

  /**
   * Replaces the pair atomically if the keyring row still holds {@code expected} (null: absent).
   * {@code recovery} may be null to leave the recovery row as it is.
   */
  Future<Void> replace(byte[] expected, KeyringRow keyring, RecoveryRow recovery) {
    List<StorageOp> ops = new ArrayList<>();
    ops.add(StorageOp.expect(KeyringRow.KEY, expected));
    ops.add(StorageOp.put(new StorageEntry(KeyringRow.KEY, keyring.toBytes())));
    if (recovery != null) {
      ops.add(StorageOp.put(new StorageEntry(RecoveryRow.KEY, recovery.toBytes())));
    }
    return storage.transaction(ops);
  }
}
