package org.keyward.client;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The token every call of a client sends, kept alive in the background: renewed at about two thirds
 * of its TTL, and replaced by a fresh login (same {@link LoginMethod}) when renewal is refused or
 * cut short by the token's max TTL. A fixed token ({@link LoginMethod#token}) is only renewed.
 * Calls keep using the old token until the new one is in place, so callers never see the change. A
 * failure is retried at a third of the time the token has left, and every 30 seconds once it has
 * expired. A token revoked or expired behind the session's back is replaced when a call is refused
 * with it ({@link #recoverFromDenied}). Thread-safe; the work is started on the client's scheduler
 * thread and completes (listeners included) on the HTTP client's completion threads.
 */
public final class TokenSession {
  private static final System.Logger LOG = System.getLogger(TokenSession.class.getName());
  private static final Duration MIN_DELAY = Duration.ofMillis(200);
  // once the token has expired there is nothing left to divide: retry at a calm, fixed pace
  private static final Duration EXPIRED_RETRY = Duration.ofSeconds(30);

  private final AsyncTokens tokens;
  private final LoginChannel channel;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final AtomicReference<SecretString> token = new AtomicReference<>();
  private final AtomicReference<SessionListener> listener =
      new AtomicReference<>(new SessionListener() {});
  private volatile LoginMethod method;
  private volatile Instant expiry;
  private volatile Duration loginLease;
  private ScheduledFuture<?> next;
  private CompletableFuture<Boolean> recovery;
  private SecretString recoveringFrom;

  TokenSession(
      AsyncTokens tokens,
      LoginChannel channel,
      ScheduledExecutorService scheduler,
      Clock clock,
      Optional<SecretString> initial) {
    this.tokens = tokens;
    this.channel = channel;
    this.scheduler = scheduler;
    this.clock = clock;
    initial.ifPresent(token::set);
  }

  /** The token calls are sent with now. */
  public Optional<SecretString> currentToken() {
    return Optional.ofNullable(token.get());
  }

  /** When the current token expires; empty if unknown or never. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiry);
  }

  public void setListener(SessionListener l) {
    listener.set(l == null ? new SessionListener() {} : l);
  }

  /** Logs in with {@code m}, uses the token from then on and keeps it alive. */
  public CompletableFuture<AuthInfo> login(LoginMethod m) {
    Instant start = clock.instant();
    return m.login(channel)
        .thenApply(
            auth -> {
              synchronized (this) {
                method = m;
                loginLease = auth.leaseDuration();
                adopt(auth, start);
              }
              listener.get().loggedIn(auth);
              return auth;
            });
  }

  /** Stops renewing; the current token stays set. */
  public synchronized void stop() {
    method = null;
    if (next != null) {
      next.cancel(false);
    }
  }

  private void adopt(AuthInfo auth, Instant start) {
    token.set(auth.token());
    long lease = auth.leaseDuration().toMillis();
    if (lease <= 0) {
      expiry = null;
      return;
    }
    expiry = start.plusMillis(lease);
    Duration delay = Duration.ofMillis(lease * 2 / 3);
    schedule(delay, auth.renewable() ? this::renew : this::loginAgain);
  }

  private synchronized void schedule(Duration delay, Runnable task) {
    if (method == null) {
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    long ms = Math.max(delay.toMillis(), MIN_DELAY.toMillis());
    try {
      next = scheduler.schedule(task, ms, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the client was closed: the session ends with it
    }
  }

  private void renew() {
    SecretString current = token.get();
    Instant start = clock.instant();
    tokens
        .renew(Optional.empty(), current)
        .whenComplete(
            (auth, error) -> {
              if (error != null) {
                VaultException e = unwrap(error);
                listener.get().failed(e);
                if (e.status() >= 400 && e.status() < 500) {
                  loginAgain();
                } else {
                  retryLater(this::renew);
                }
                return;
              }
              // A renewal shorter than the lease a login gives (beyond a second of rounding)
              // means the max TTL caps it: log in again now, while the old token still has most
              // of that lease left, rather than renew in ever shorter steps towards expiry.
              Duration full = loginLease;
              boolean capped =
                  full != null && auth.leaseDuration().plusSeconds(1).compareTo(full) < 0;
              LoginMethod m = method;
              if (capped && m != null && m.canLoginAgain()) {
                loginAgain();
                return;
              }
              synchronized (this) {
                if (method != null && current.equals(token.get())) {
                  adopt(auth, start);
                }
              }
              listener.get().renewed(auth);
            });
  }

  private void loginAgain() {
    LoginMethod m = method;
    if (m == null) {
      return;
    }
    if (!m.canLoginAgain()) {
      LOG.log(
          Level.WARNING,
          "token cannot be renewed further and the login method cannot log in"
              + " again; it expires at "
              + expiry);
      return;
    }
    relogin(m)
        .whenComplete(
            (auth, error) -> {
              if (error != null) {
                retryLater(this::loginAgain);
              }
            });
  }

  /** Logs in with {@code m} and, if it is still the session's method, adopts the new token. */
  private CompletableFuture<AuthInfo> relogin(LoginMethod m) {
    Instant start = clock.instant();
    return m.login(channel)
        .whenComplete(
            (auth, error) -> {
              if (error != null) {
                VaultException e = unwrap(error);
                LOG.log(Level.WARNING, "login again failed: " + e.getMessage());
                listener.get().failed(e);
                return;
              }
              synchronized (this) {
                if (method == m) {
                  loginLease = auth.leaseDuration();
                  adopt(auth, start);
                }
              }
              listener.get().loggedIn(auth);
            });
  }

  /**
   * After a call sent with {@code used} was refused with 403: whether a fresh token is now in place
   * to retry it with. A 403 is also what a token gets on a path its policy denies, so the token is
   * looked up first and only a token the server no longer knows (revoked or expired behind the
   * session's back) leads to a login. Concurrent refusals of one token share one recovery.
   */
  CompletableFuture<Boolean> recoverFromDenied(SecretString used) {
    LoginMethod m = method;
    if (m == null || !m.canLoginAgain()) {
      return CompletableFuture.completedFuture(false);
    }
    synchronized (this) {
      if (!used.equals(token.get())) {
        return CompletableFuture.completedFuture(true); // already replaced since the call left
      }
      if (recovery != null && used.equals(recoveringFrom)) {
        return recovery;
      }
      CompletableFuture<Boolean> r =
          channel
              .lookup(used)
              .handle(
                  (info, error) ->
                      error == null || unwrap(error).status() != 403
                          ? CompletableFuture.completedFuture(false)
                          : relogin(m).handle((auth, e) -> e == null))
              .thenCompose(f -> f);
      recoveringFrom = used;
      recovery = r;
      // Not kept once done: a token found alive now may be revoked later.
      r.whenComplete((ok, e) -> forget(r));
      return r;
    }
  }

  private synchronized void forget(CompletableFuture<Boolean> done) {
    if (recovery == done) {
      recovery = null;
      recoveringFrom = null;
    }
  }

  /**
   * Tries again after a third of what is left of the token, or after {@link #EXPIRED_RETRY} once it
   * has expired (so a vault that stays down is not hammered).
   */
  private void retryLater(Runnable task) {
    Instant end = expiry;
    Duration left = end == null ? EXPIRED_RETRY : Duration.between(clock.instant(), end);
    schedule(left.isNegative() || left.isZero() ? EXPIRED_RETRY : left.dividedBy(3), task);
  }

  private static VaultException unwrap(Throwable error) {
    Throwable cause = Futures.cause(error);
    return cause instanceof VaultException v
        ? v
        : new VaultException("token session", 0, java.util.List.of(), null, cause);
  }
}
