package org.keyward.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How a {@link TokenSession} gets a token, first and again when renewal is refused: a given token,
 * AppRole ({@code role_id} + {@code secret_id}) or a TLS client certificate, each posting Vault's
 * documented login body to {@code auth/<mount>/login}. Custom methods may use the channel too.
 */
@FunctionalInterface
public interface LoginMethod {
  CompletableFuture<AuthInfo> login(LoginChannel channel);

  /** Whether it can produce a fresh token (a fixed token cannot: it is only renewed). */
  default boolean canLoginAgain() {
    return true;
  }

  /** A token obtained elsewhere; looked up to learn its TTL, then renewed while possible. */
  static LoginMethod token(SecretString token) {
    return new LoginMethod() {
      @Override
      public CompletableFuture<AuthInfo> login(LoginChannel channel) {
        return channel
            .lookup(token)
            .thenApply(
                info ->
                    new AuthInfo(
                        token, info.accessor(), info.policies(), info.ttl(), info.renewable()));
      }

      @Override
      public boolean canLoginAgain() {
        return false;
      }
    };
  }

  /** AppRole at {@code auth/<mount>/login}. */
  static LoginMethod appRole(String mount, String roleId, SecretString secretId) {
    return channel -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("role_id", roleId);
      body.put("secret_id", secretId.reveal());
      return channel.post("auth/" + AsyncKv.trim(mount) + "/login", body);
    };
  }

  /**
   * TLS certificate at {@code auth/<mount>/login}: the client certificate of the {@link
   * VaultConfig} is the credential; {@code role} names the cert role to match (null: any).
   */
  static LoginMethod certificate(String mount, String role) {
    return channel -> {
      Map<String, Object> body = new LinkedHashMap<>();
      if (role != null) {
        body.put("name", role);
      }
      return channel.post("auth/" + AsyncKv.trim(mount) + "/login", body);
    };
  }
}
