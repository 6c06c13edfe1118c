package org.keyward.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The SDK's entry point: typed operations on a Vault-compatible server, every one returning a
 * {@link CompletableFuture} that fails with {@link VaultException}. Holds one JDK HTTP client and
 * one daemon scheduler thread (token and certificate renewal); {@link #close()} stops the latter.
 * Thread-safe; share one per process.
 */
public final class AsyncVaultClient implements AutoCloseable {
  private final VaultConfig config;
  private final HttpTransport transport;
  private final ScheduledExecutorService scheduler;
  private final TokenSession session;
  private final AsyncTokens tokens;

  private AsyncVaultClient(VaultConfig config) {
    this.config = config;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "keyward-client-renewal");
              t.setDaemon(true);
              return t;
            });
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    TokenSession[] holder = new TokenSession[1];
    this.transport =
        new HttpTransport(
            config,
            json,
            () -> holder[0].currentToken(),
            used -> holder[0].recoverFromDenied(used));
    this.tokens = new AsyncTokens(transport);
    this.session =
        new TokenSession(
            tokens, new LoginChannel(transport), scheduler, Clock.systemUTC(), config.token());
    holder[0] = session;
  }

  /** A client for {@code config}; no call is made until the first operation. */
  public static AsyncVaultClient create(VaultConfig config) {
    return new AsyncVaultClient(config);
  }

  public VaultConfig config() {
    return config;
  }

  /**
   * Logs in with {@code method}; from then on every call uses the new token, which the session
   * keeps renewed (and replaces by logging in again) in the background.
   */
  public CompletableFuture<AuthInfo> login(LoginMethod method) {
    return session.login(method);
  }

  public TokenSession session() {
    return session;
  }

  /** KV version 2 at {@code secret/}, as the dev server mounts it. */
  public AsyncKv kv() {
    return kv("secret");
  }

  public AsyncTransit transit() {
    return transit("transit");
  }

  public AsyncPki pki() {
    return pki("pki");
  }

  /** KV version 2 at {@code mount} (e.g. {@code secret}). */
  public AsyncKv kv(String mount) {
    return new AsyncKv(transport, mount);
  }

  /** Transit at {@code mount} (e.g. {@code transit}). */
  public AsyncTransit transit(String mount) {
    return new AsyncTransit(transport, mount);
  }

  /** PKI at {@code mount} (e.g. {@code pki}). */
  public AsyncPki pki(String mount) {
    return new AsyncPki(this, mount);
  }

  /** Operator calls under {@code sys/}. */
  public AsyncAdmin admin() {
    return new AsyncAdmin(transport);
  }

  public AsyncTokens token() {
    return tokens;
  }

  /** Raw path operations. */
  public AsyncLogical logical() {
    return new AsyncLogical(transport);
  }

  HttpTransport transport() {
    return transport;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Stops background renewals; in-flight calls complete. */
  @Override
  public void close() {
    session.stop();
    scheduler.shutdownNow();
  }
}
