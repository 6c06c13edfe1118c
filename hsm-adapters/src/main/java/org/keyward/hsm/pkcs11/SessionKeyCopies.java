package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keyward.hsm.HsmException;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Token;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * Session-object copies of token secret keys ({@code C_CopyObject} with {@code CKA_TOKEN=false}),
 * the handles {@link Pkcs11Aead} encrypts and decrypts with. Why: SoftHSM's file object store
 * re-reads the token's and the object's generation files (open, lock, read, close) on every use of
 * a token object, about 40 % of the CPU of a small GCM call; a session object lives in memory. A
 * copy keeps every attribute of its source (sensitive, never extractable, usage flags) but the
 * label, {@link #copyLabel} (so a look-up by label still finds the one token key); it never leaves
 * the token either, and lives at most as long as the session that made it. A token that refuses the
 * copy (CKA_COPYABLE or CKA_MODIFIABLE false, or a vendor's rule) is used as before, through the
 * token object's handle.
 *
 * <p>Lifecycle. A closed session, a logout or a module re-initialisation ends copies; their handles
 * then fail as stale and the connection forgets them ({@link #forgetMadeBefore}, {@link #clear})
 * and copies again on next use. {@link #exclusive} runs key destruction with no copy being made, so
 * destroying the key's objects and copies (by label: every connection's in this application) leaves
 * none made meanwhile. A token object destroyed by another application (which cannot see this
 * application's session objects), or a token whose storage went away, is noticed within {@link
 * #recheckEvery} (1 s by default): a copy older than that is used only after its source handle
 * still answers. Thread-safe.
 */
final class SessionKeyCopies {
  static final long DEFAULT_RECHECK_NANOS = 1_000_000_000L;

  /** Finds the token object a copy is made from. */
  @FunctionalInterface
  interface Source {
    long handle(PKCS11Token t, String label) throws TokenException, HsmException;
  }

  /** One operation run with no copy made meanwhile. */
  @FunctionalInterface
  interface Exclusive<T> {
    T apply() throws TokenException, HsmException;
  }

  /** A copy, or with {@code handle == source} the token object itself (the copy was refused). */
  private record Copy(long handle, long source, long madeAt, long checkedAt) {
    boolean refused() {
      return handle == source;
    }
  }

  private final Map<String, Copy> copies = new ConcurrentHashMap<>();
  private final Object making = new Object();
  private volatile long recheckNanos = DEFAULT_RECHECK_NANOS;

  /** The label of {@code label}'s copies; never a KeyRef label, which ends in -vN. */
  static String copyLabel(String label) {
    return label + ".session-copy";
  }

  /**
   * The session copy of secret key {@code label}, made from {@code source} on first use.
   *
   * @throws TokenException a stale source or copy handle (the caller forgets and retries)
   * @throws HsmException KEY_NOT_FOUND from {@code source}
   */
  long handle(PKCS11Token t, String label, Source source) throws TokenException, HsmException {
    Copy copy = copies.get(label);
    if (copy == null) {
      return make(t, label, source);
    }
    long now = System.nanoTime();
    if (!copy.refused() && now - copy.checkedAt() >= recheckNanos) {
      // Fails with CKR_OBJECT_HANDLE_INVALID once the token object is gone.
      t.getAttrValues(copy.source(), CKA_CLASS);
      copies.replace(label, copy, new Copy(copy.handle(), copy.source(), copy.madeAt(), now));
    }
    return copy.handle();
  }

  private long make(PKCS11Token t, String label, Source source)
      throws TokenException, HsmException {
    synchronized (making) {
      Copy made = copies.get(label);
      if (made != null) {
        return made.handle();
      }
      long from = source.handle(t, label);
      long handle;
      try {
        handle = t.copyObject(from, new AttributeVector().token(false).label(copyLabel(label)));
      } catch (PKCS11Exception e) {
        if (Pkcs11Errors.staleHandle(e) || Pkcs11Errors.deviceFailure(e, false)) {
          throw e;
        }
        // Refused (not copyable, not modifiable, a vendor's rule): use the token object.
        handle = from;
      }
      long now = System.nanoTime();
      copies.put(label, new Copy(handle, from, now, now));
      return handle;
    }
  }

  /** Runs {@code work} (destroying {@code label}'s objects) with no copy made meanwhile. */
  <T> T exclusive(String label, Exclusive<T> work) throws TokenException, HsmException {
    synchronized (making) {
      try {
        return work.apply();
      } finally {
        copies.remove(label);
      }
    }
  }

  /**
   * After a stale handle: destroys (best effort) and forgets the copies made before {@code nanos},
   * the start of the failed call. Later copies are fresh ones other threads are using; a copy whose
   * source was destroyed elsewhere is not left behind in the token.
   */
  void forgetMadeBefore(PKCS11Token t, long nanos) {
    synchronized (making) {
      copies
          .entrySet()
          .removeIf(
              e -> {
                Copy copy = e.getValue();
                if (copy.madeAt() - nanos >= 0) {
                  return false;
                }
                if (!copy.refused()) {
                  try {
                    t.destroyObject(copy.handle());
                  } catch (TokenException gone) {
                    // Already ended with its session: nothing to destroy.
                  }
                }
                return true;
              });
    }
  }

  /** Forgets every copy without destroying it (the sessions that held them are gone). */
  void clear() {
    copies.clear();
  }

  /** How long a copy is used before its source is checked again; tests set 0. */
  void recheckEvery(long nanos) {
    this.recheckNanos = nanos;
  }

  /** The number of copies (and refusals) remembered, for tests. */
  int size() {
    return copies.size();
  }
}
