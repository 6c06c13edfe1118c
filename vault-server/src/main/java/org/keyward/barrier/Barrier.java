package org.keyward.barrier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.keyward.storage.Storage;
import org.keyward.storage.StorageEntry;
import org.keyward.storage.StorageKeys;
import org.keyward.view.StorageView;

/**
 * Encrypts entries on their way to {@link Storage} with the in-memory {@link Keyring}, binding the
 * full storage key as associated data, and counts every encryption per key. This is the hot path:
 * it never calls the HSM (the keyring was unwrapped at unseal) and never blocks.
 *
 * <p>A stored entry is {@code 0x01 || Tink ciphertext}; the Tink prefix names the keyring key.
 * While no keyring is installed (sealed) every call fails with {@link VaultSealedException}; an
 * entry that fails to authenticate fails with {@link BarrierIntegrityException}. Thread-safe.
 */
public final class Barrier {
  private static final System.Logger LOG = System.getLogger(Barrier.class.getName());
  private static final byte FORMAT = 1;

  /** Rows written in clear (with their own integrity) outside the barrier's encryption. */
  static final Set<String> RAW_ROWS =
      Set.of(KeyringRow.KEY, RecoveryRow.KEY, ReencryptProgress.KEY);

  private final Storage storage;
  private final BarrierLimits limits;
  private final EncryptionCounters counters = new EncryptionCounters();
  private final Set<Integer> rotationRequestedFor = ConcurrentHashMap.newKeySet();
  private volatile Keyring keyring;
  private volatile Runnable rotationDue = () -> {};
  private Promise<Void> reservation; // guarded by this

  public Barrier(Storage storage, BarrierLimits limits) {
    this.storage = storage;
    this.limits = limits;
  }

  /** Whether {@code key} is a row kept outside the barrier's encryption (keyring, recovery...). */
  public static boolean isRawRow(String key) {
    return RAW_ROWS.contains(key);
  }

  /**
   * A view of the entries under {@code prefix} (empty or ending in '/'), e.g. an engine's mount.
   */
  public StorageView view(String prefix) {
    return new BarrierStorageView(this, storage, StorageKeys.requireValidPrefix(prefix));
  }

  public boolean isSealed() {
    return keyring == null;
  }

  /** What runs (once per key) when the primary key passes {@link BarrierLimits#rotateAfter()}. */
  void onRotationDue(Runnable action) {
    this.rotationDue = action;
  }

  /** The installed keyring; fails with {@link VaultSealedException} when there is none. */
  Keyring keyring() {
    Keyring k = keyring;
    if (k == null) {
      throw new VaultSealedException();
    }
    return k;
  }

  long encryptions(int keyId) {
    return counters.used(keyId);
  }

  /** Installs the keyring an unseal opened, with the stored counters (null: none yet). */
  synchronized void installUnsealed(Keyring next, byte[] storedCounters) {
    counters.load(storedCounters);
    replaceKeyring(next);
  }

  /** The exact encryption counts of every key in use, to carry over a storage replacement. */
  synchronized Map<Integer, Long> exactCounts() {
    return counters.exactCounts();
  }

  /**
   * Raises the counts of the installed keyring's keys to at least {@code floor}'s. A restored
   * snapshot brings back the counters stored when it was taken, but a key's real use only grew
   * since; the next encryption above the stored ceiling reserves a new one.
   */
  synchronized void raiseCounts(Map<Integer, Long> floor) {
    Keyring k = keyring;
    if (k == null) {
      return;
    }
    for (KeyringTerm t : k.terms()) {
      Long n = floor.get(t.keyId());
      if (n != null) {
        counters.raiseTo(t.keyId(), n);
      }
    }
  }

  /** Puts a rotated or retired keyring to use, keeping the counts of the keys it still has. */
  synchronized void replaceKeyring(Keyring next) {
    counters.retainOnly(next.terms().stream().map(KeyringTerm::keyId).collect(Collectors.toSet()));
    keyring = next;
  }

  /** Drops the keyring from memory: every later call fails sealed. */
  synchronized void clear() {
    keyring = null;
  }

  /**
   * Encrypts {@code plaintext} as the row {@code key}; may first wait for a counter reservation.
   */
  Future<StorageEntry> encryptEntry(String key, byte[] plaintext) {
    Keyring k;
    try {
      k = keyring();
    } catch (VaultSealedException e) {
      return Future.failedFuture(e);
    }
    int keyId = k.primary().keyId();
    long n = counters.increment(keyId);
    if (n >= limits.rotateAfter() && rotationRequestedFor.add(keyId)) {
      LOG.log(
          Level.WARNING,
          "keyring term " + k.primary().term() + " reached " + n + " encryptions; rotating");
      rotationDue.run();
    }
    long ceiling = counters.ceiling(keyId);
    if (n > ceiling) {
      // This encryption is not yet covered by a durable ceiling: wait for one, then count again.
      return reserve().compose(v -> encryptEntry(key, plaintext));
    }
    if (n > ceiling - limits.reserveBlock() / 2) {
      reserve(); // reserve ahead so writers rarely wait; a failure is retried by the next writer
    }
    try {
      return Future.succeededFuture(new StorageEntry(key, seal(k, key, plaintext)));
    } catch (GeneralSecurityException e) {
      return Future.failedFuture(new IllegalStateException("barrier encryption failed", e));
    }
  }

  /** Opens the stored row {@code key}; fails sealed or with {@link BarrierIntegrityException}. */
  byte[] decryptEntry(String key, byte[] stored) {
    return open(keyring(), key, stored);
  }

  static byte[] open(Keyring k, String key, byte[] stored) {
    if (stored.length < 2 || stored[0] != FORMAT) {
      throw new BarrierIntegrityException(key, null);
    }
    try {
      return k.decrypt(Arrays.copyOfRange(stored, 1, stored.length), associatedData(key));
    } catch (GeneralSecurityException e) {
      throw new BarrierIntegrityException(key, e);
    }
  }

  /** The keyring term whose key made the stored row, or null if none of {@code k}'s keys did. */
  static KeyringTerm termOf(Keyring k, byte[] stored) {
    if (stored.length < 6 || stored[0] != FORMAT) {
      return null;
    }
    return k.termOf(Arrays.copyOfRange(stored, 1, 6));
  }

  /** Encrypts without counting: only for callers that counted already. */
  private static byte[] seal(Keyring k, String key, byte[] plaintext)
      throws GeneralSecurityException {
    byte[] ct = k.encrypt(plaintext, associatedData(key));
    byte[] out = new byte[ct.length + 1];
    out[0] = FORMAT;
    System.arraycopy(ct, 0, out, 1, ct.length);
    return out;
  }

  /** Re-encrypts a row under the primary key; counted like any write (re-encryption uses it). */
  Future<StorageEntry> reencrypt(String key, byte[] stored) {
    byte[] plaintext = decryptEntry(key, stored);
    return encryptEntry(key, plaintext);
  }

  private static byte[] associatedData(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Makes a new ceiling durable for the primary key: its count now plus one block. At most one
   * reservation is in flight; concurrent callers share it. The write's own encryption is counted
   * inside the ceiling it stores.
   */
  synchronized Future<Void> reserve() {
    if (reservation != null) {
      return reservation.future();
    }
    Keyring k = keyring;
    if (k == null) {
      return Future.failedFuture(new VaultSealedException());
    }
    int keyId = k.primary().keyId();
    long ceiling = counters.increment(keyId) + limits.reserveBlock();
    Map<Integer, Long> stored = new HashMap<>();
    for (KeyringTerm t : k.terms()) {
      stored.put(t.keyId(), Math.max(counters.ceiling(t.keyId()), counters.used(t.keyId())));
    }
    stored.put(keyId, ceiling);
    return writeCounters(k, stored, () -> counters.ceilingPersisted(keyId, ceiling));
  }

  /** Stores the exact counts (a clean seal or shutdown), so the next unseal starts from them. */
  synchronized Future<Void> persistExactCounts() {
    Keyring k = keyring;
    if (k == null) {
      return Future.succeededFuture();
    }
    int keyId = k.primary().keyId();
    counters.increment(keyId); // this write's own encryption
    Map<Integer, Long> exact = counters.exactCounts();
    return writeCounters(k, exact, () -> {});
  }

  private Future<Void> writeCounters(Keyring k, Map<Integer, Long> counts, Runnable persisted) {
    Promise<Void> promise = Promise.promise();
    reservation = promise;
    Future<Void> write;
    try {
      byte[] row = seal(k, EncryptionCounters.KEY, EncryptionCounters.toBytes(counts));
      write = storage.put(new StorageEntry(EncryptionCounters.KEY, row));
    } catch (GeneralSecurityException | RuntimeException e) {
      write = Future.failedFuture(e);
    }
    write.onComplete(
        ar -> {
          if (ar.succeeded()) {
            persisted.run();
          } else {
            LOG.log(Level.WARNING, "could not store encryption counters", ar.cause());
          }
          synchronized (this) {
            reservation = null;
          }
          promise.handle(ar);
        });
    return promise.future();
  }

  /** Reads the stored counters row, decrypted with {@code k}; null if absent. */
  Future<byte[]> readCounters(Keyring k) {
    return storage
        .get(EncryptionCounters.KEY)
        .map(e -> e.map(entry -> open(k, EncryptionCounters.KEY, entry.value())).orElse(null));
  }
}
