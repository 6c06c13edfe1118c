package org.keyward.client;

/**
 * The blocking facade over {@link AsyncVaultClient}: the same operations, each waiting on the
 * caller's thread and throwing {@link VaultException}. Thread-safe.
 */
public final class VaultClient implements AutoCloseable {
  private final AsyncVaultClient async;

  private VaultClient(AsyncVaultClient async) {
    this.async = async;
  }

  public static VaultClient create(VaultConfig config) {
    return new VaultClient(AsyncVaultClient.create(config));
  }

  /** A client configured from {@code VAULT_*} environment variables. */
  public static VaultClient fromEnvironment() {
    return create(VaultConfig.fromEnvironment());
  }

  public static VaultClient over(AsyncVaultClient async) {
    return new VaultClient(async);
  }

  public VaultConfig config() {
    return async.config();
  }

  public AsyncVaultClient async() {
    return async;
  }

  /** Logs in and keeps the session alive; see {@link AsyncVaultClient#login}. */
  public AuthInfo login(LoginMethod method) {
    return Blocking.await(async.login(method));
  }

  public TokenSession session() {
    return async.session();
  }

  public Kv kv() {
    return kv("secret");
  }

  public Transit transit() {
    return transit("transit");
  }

  public Pki pki() {
    return pki("pki");
  }

  public Kv kv(String mount) {
    return new Kv(async.kv(mount));
  }

  public Transit transit(String mount) {
    return new Transit(async.transit(mount));
  }

  public Pki pki(String mount) {
    return new Pki(async.pki(mount));
  }

  public Admin admin() {
    return new Admin(async.admin());
  }

  public Tokens token() {
    return new Tokens(async.token());
  }

  public Logical logical() {
    return new Logical(async.logical());
  }

  @Override
  public void close() {
    async.close();
  }
}
