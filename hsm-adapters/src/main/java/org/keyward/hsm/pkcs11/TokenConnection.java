package org.keyward.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keyward.hsm.HsmException;
import org.keyward.hsm.HsmException.Kind;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Token;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.TokenException;

/**
 * The logged-in session pool of one token, and the single place that calls into it: every call is
 * timed and reported to the listener, and its failure translated. When a call shows the token or
 * device went away (a device-level code, see {@link Pkcs11Errors#deviceFailure}), the pool is
 * dropped; the next call or ping re-initialises the module (C_Finalize and C_Initialize, which is
 * what makes a returned token visible), reopens the token by label and logs in again, after a
 * backoff that grows to {@value #MAX_BACKOFF_MILLIS} ms while the token stays away. Cached key
 * handles are forgotten, because a reopened token may number its objects differently; keys are
 * found again by label. Thread-safe.
 */
final class TokenConnection implements AutoCloseable {
  private static final long FIRST_BACKOFF_NANOS = 100_000_000L;
  static final long MAX_BACKOFF_MILLIS = 2_000;
  private static final long MAX_BACKOFF_NANOS = MAX_BACKOFF_MILLIS * 1_000_000L;

  /** How long a re-initialisation waits for calls in flight before it gives up this attempt. */
  private static final long REINIT_WAIT_MILLIS = 2_000;

  /** One PKCS#11 operation on a logged-in token. */
  @FunctionalInterface
  interface Call<T> {
    T apply(PKCS11Token token) throws TokenException, HsmException;
  }

  private final Pkcs11Config config;
  private final SharedModule module;
  private final char[] pin;
  private final Map<String, Long> handles = new ConcurrentHashMap<>();
  private final SessionKeyCopies copies = new SessionKeyCopies();
  private final Object reconnectLock = new Object();
  private volatile PKCS11Token token;
  private long retryAtNanos;
  private long backoffNanos;
  private volatile boolean closed;
  private long attemptGeneration; // guarded by reconnectLock

  /** The module generation the current {@link #token} was opened in. */
  private volatile long tokenGeneration;

  /**
   * Opens the token and logs in.
   *
   * @throws HsmException CONFIGURATION (library, label), LOGIN_FAILED (PIN), UNAVAILABLE
   */
  TokenConnection(Pkcs11Config config) throws HsmException {
    this.config = config;
    this.pin = config.pin().read();
    this.module = SharedModule.acquire(config.library());
    this.attemptGeneration = module.generation();
    try {
      this.token = openAtStartup();
      this.tokenGeneration = attemptGeneration;
    } catch (HsmException e) {
      module.release();
      Arrays.fill(pin, '\0');
      throw e;
    }
  }

  /**
   * Opens the token. A module already initialised by another provider in this JVM shows the tokens
   * as they were at its C_Initialize, so a token that went away and came back meanwhile is not
   * seen: if the first attempt fails for anything but the PIN, re-initialise the module and try
   * once more.
   */
  private PKCS11Token openAtStartup() throws HsmException {
    try {
      return openUnderCallsLock(true);
    } catch (HsmException e) {
      if (e.kind() == Kind.LOGIN_FAILED || !module.sharedWithOthers()) {
        throw e;
      }
      module.reinitialize(attemptGeneration, REINIT_WAIT_MILLIS);
      attemptGeneration = module.generation();
      return openUnderCallsLock(true);
    }
  }

  String tokenLabel() {
    return config.tokenLabel();
  }

  SharedModule module() {
    return module;
  }

  /** Runs {@code call} on the token, reconnecting first if the token was lost. */
  <T> T call(String operation, String keyLabel, Call<T> call) throws HsmException {
    return call(operation, keyLabel, false, call);
  }

  /**
   * As {@link #call(String, String, Call)}; with {@code integrityOp} (an authenticating decrypt or
   * unwrap) a bad-ciphertext code becomes INTEGRITY, once a liveness probe shows the token is fine.
   */
  <T> T call(String operation, String keyLabel, boolean integrityOp, Call<T> call)
      throws HsmException {
    boolean retriedAfterReinit = false;
    for (int attempt = 1; ; attempt++) {
      PKCS11Token current = connected();
      long openedIn = tokenGeneration;
      long start = System.nanoTime();
      boolean success = false;
      Failure failed;
      module.calls().lock();
      try {
        T result = call.apply(current);
        success = true;
        return result;
      } catch (TokenException e) {
        if (attempt == 1 && Pkcs11Errors.staleHandle(e)) {
          // SoftHSM invalidates handles of private objects when the application is logged out
          // (e.g. all its sessions were closed); find the key again and retry once. The session
          // copies of keys may be the stale ones (their session closed) or orphans of a token
          // object destroyed elsewhere: copy again.
          copies.forgetMadeBefore(current, start);
          handles.clear();
          continue;
        }
        failed = failure(operation, keyLabel, integrityOp, current, e);
      } finally {
        module.calls().unlock();
        config.listener().onCall(operation, System.nanoTime() - start, success);
      }
      // Outside the calls lock: a reconnect in progress holds the reconnect lock while it waits
      // for the calls lock.
      if (failed.tokenGone()) {
        lost(current);
        if (!retriedAfterReinit && module.generation() != openedIn) {
          // Another connection re-initialised the module under this one (its own token went
          // away): this token is fine, so reconnect and retry once instead of failing.
          retriedAfterReinit = true;
          continue;
        }
      }
      throw failed.error();
    }
  }

  /** A translated failure, and whether it showed the token or device gone (drop the pool). */
  private record Failure(HsmException error, boolean tokenGone) {}

  private Failure failure(
      String operation,
      String keyLabel,
      boolean integrityOp,
      PKCS11Token current,
      TokenException e) {
    HsmException translated =
        Pkcs11Errors.translate(operation, config.tokenLabel(), keyLabel, e, integrityOp);
    if (translated.kind() == Kind.INTEGRITY && !alive(current)) {
      return new Failure(
          new HsmException(
              Kind.UNAVAILABLE,
              operation + " failed, token '" + config.tokenLabel() + "' stopped answering",
              e),
          true);
    }
    // Only a device-level failure drops the pool; "no idle session" (a busy pool) is UNAVAILABLE
    // too but reconnecting would not help.
    return new Failure(translated, Pkcs11Errors.deviceFailure(e, integrityOp));
  }

  /**
   * The object handle of the key with class {@code objectClass} and {@code label}, cached until a
   * reconnect.
   *
   * @throws HsmException KEY_NOT_FOUND if the token has none
   */
  long handle(PKCS11Token t, long objectClass, String label) throws TokenException, HsmException {
    String cacheKey = objectClass + "/" + label;
    Long cached = handles.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    long[] found = t.findObjects(new AttributeVector().class_(objectClass).label(label), 2);
    if (found.length == 0) {
      // A token whose storage went away finds nothing instead of failing: say "gone", not "no
      // such key", or a find-or-create caller would try to make the key anew.
      requirePresent(t);
      throw new HsmException(
          Kind.KEY_NOT_FOUND, "no key '" + label + "' in token '" + config.tokenLabel() + "'");
    }
    if (found.length > 1) {
      throw new HsmException(
          Kind.FAILED,
          "more than one object labelled '" + label + "' in token '" + config.tokenLabel() + "'");
    }
    handles.put(cacheKey, found[0]);
    return found[0];
  }

  /**
   * The handle of a session-object copy of secret key {@code label}, made on first use, for the
   * calls made per request (see {@link SessionKeyCopies} for why and how long it lives).
   *
   * @throws HsmException KEY_NOT_FOUND if the token has no such key
   */
  long sessionKey(PKCS11Token t, String label) throws TokenException, HsmException {
    return copies.handle(t, label, (token, l) -> handle(token, CKO_SECRET_KEY, l));
  }

  /**
   * Destroys every object labelled {@code label} (the token objects and this application's session
   * copies), with no copy made meanwhile, and forgets their handles.
   */
  void destroyObjects(PKCS11Token t, String label) throws TokenException, HsmException {
    copies.exclusive(
        label,
        () -> {
          long[] found = t.findAllObjects(new AttributeVector().label(label));
          if (found.length == 0) {
            requirePresent(t);
          }
          for (long handle : found) {
            t.destroyObject(handle);
          }
          String copyLabel = SessionKeyCopies.copyLabel(label);
          for (long handle : t.findAllObjects(new AttributeVector().label(copyLabel))) {
            t.destroyObject(handle);
          }
          return null;
        });
    forget(label);
  }

  /** The session copies, for tests in this package. */
  SessionKeyCopies copies() {
    return copies;
  }

  /**
   * Fails with the token's error if it no longer answers (SoftHSM: CKR_GENERAL_ERROR once its token
   * directory is gone); to call after a search that found nothing.
   */
  static void requirePresent(PKCS11Token t) throws TokenException {
    t.getToken().getTokenInfo();
  }

  /** Forgets cached handles for {@code label}, e.g. after destroying its objects. */
  void forget(String label) {
    handles.keySet().removeIf(k -> k.endsWith("/" + label));
  }

  /** Checks that the token answers; reconnects if it had been lost and the backoff has passed. */
  void ping() throws HsmException {
    call(
        "ping",
        null,
        t -> {
          t.getToken().getTokenInfo();
          return null;
        });
  }

  /** Whether the token still answers C_GetTokenInfo; any error there means it does not. */
  private static boolean alive(PKCS11Token t) {
    try {
      requirePresent(t);
      return true;
    } catch (TokenException e) {
      return false;
    }
  }

  private PKCS11Token connected() throws HsmException {
    PKCS11Token current = token;
    if (current != null) {
      return current;
    }
    synchronized (reconnectLock) {
      if (closed) {
        throw new HsmException(
            Kind.UNAVAILABLE, "provider for token '" + tokenLabel() + "' closed");
      }
      if (token != null) {
        return token;
      }
      long now = System.nanoTime();
      if (now - retryAtNanos < 0) {
        throw new HsmException(
            Kind.UNAVAILABLE,
            "token '"
                + tokenLabel()
                + "' is unavailable; next reconnect attempt in "
                + (retryAtNanos - now) / 1_000_000
                + " ms");
      }
      long start = System.nanoTime();
      try {
        // Once per loss: another connection of this module may have re-initialised it already.
        long seen = attemptGeneration;
        module.reinitialize(seen, REINIT_WAIT_MILLIS);
        attemptGeneration = module.generation();
        PKCS11Token reopened = openUnderCallsLock();
        tokenGeneration = attemptGeneration;
        config.listener().onCall("login", System.nanoTime() - start, true);
        handles.clear();
        copies.clear();
        backoffNanos = 0;
        token = reopened;
        System.getLogger(TokenConnection.class.getName())
            .log(System.Logger.Level.INFO, "reconnected to token '" + tokenLabel() + "'");
        return reopened;
      } catch (HsmException e) {
        attemptGeneration = module.generation();
        config.listener().onCall("login", System.nanoTime() - start, false);
        backoffNanos =
            backoffNanos == 0 ? FIRST_BACKOFF_NANOS : Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
        retryAtNanos = System.nanoTime() + backoffNanos;
        throw e;
      }
    }
  }

  /**
   * Drops the pool after a call showed the token is gone. The first reconnect is tried at once (on
   * the next call); only failed reconnects back off. Its sessions are not closed one by one: the
   * re-initialisation that comes next drops every session of the module.
   */
  private void lost(PKCS11Token failed) {
    synchronized (reconnectLock) {
      if (token == failed) {
        token = null;
        retryAtNanos = System.nanoTime();
        System.getLogger(TokenConnection.class.getName())
            .log(System.Logger.Level.WARNING, "lost token '" + tokenLabel() + "'; will reconnect");
      }
    }
  }

  private PKCS11Token openUnderCallsLock() throws HsmException {
    return openUnderCallsLock(false);
  }

  private PKCS11Token openUnderCallsLock(boolean atStartup) throws HsmException {
    module.calls().lock();
    try {
      return open(atStartup);
    } finally {
      module.calls().unlock();
    }
  }

  private PKCS11Token open(boolean atStartup) throws HsmException {
    Slot slot = findSlot(atStartup);
    long start = System.nanoTime();
    try {
      PKCS11Token opened = new PKCS11Token(slot.getToken(), false, pin, config.sessions());
      opened.setTimeOutWaitNewSession(10_000);
      if (atStartup) {
        config.listener().onCall("login", System.nanoTime() - start, true);
      }
      return opened;
    } catch (TokenException e) {
      if (atStartup) {
        config.listener().onCall("login", System.nanoTime() - start, false);
      }
      if (Pkcs11Errors.pinRefused(e)) {
        throw new HsmException(
            Kind.LOGIN_FAILED,
            "PIN refused for token '" + tokenLabel() + "' (" + Pkcs11Errors.codeName(e) + ")",
            e);
      }
      throw Pkcs11Errors.translate("login", tokenLabel(), null, e, false);
    }
  }

  private Slot findSlot(boolean atStartup) throws HsmException {
    List<String> labels = new ArrayList<>();
    try {
      for (Slot slot : module.module().getSlotList(true)) {
        String label = slot.getToken().getTokenInfo().getLabel().trim();
        if (label.equals(tokenLabel())) {
          return slot;
        }
        labels.add("'" + label + "'");
      }
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("list slots", tokenLabel(), null, e, false);
    }
    String message =
        "no token labelled '"
            + tokenLabel()
            + "' in "
            + module.library()
            + "; tokens present: "
            + (labels.isEmpty() ? "none" : String.join(", ", labels));
    throw new HsmException(atStartup ? Kind.CONFIGURATION : Kind.UNAVAILABLE, message);
  }

  @Override
  public void close() {
    synchronized (reconnectLock) {
      if (closed) {
        return;
      }
      closed = true;
      PKCS11Token current = token;
      token = null;
      if (current != null) {
        current.closeAllSessions();
      }
      Arrays.fill(pin, '\0');
      module.release();
    }
  }
}
