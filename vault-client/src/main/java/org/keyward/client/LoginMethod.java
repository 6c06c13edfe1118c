package org.keyward.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
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
   * Gives the passcode of a login MFA method when the server asks for one (Vault 1.10+ login MFA);
   * e.g. a prompt on the terminal.
   */
  @FunctionalInterface
  interface MfaPasscode {
    String passcode(String methodId);
  }

  /**
   * Userpass at {@code auth/<mount>/login/<username>}. When the server answers with {@code
   * auth.mfa_requirement} instead of a token, {@code passcode} is asked for the first method of
   * each constraint and the login is completed at {@code sys/mfa/validate}, as {@code vault login}
   * does.
   */
  static LoginMethod userpass(
      String mount, String username, SecretString password, MfaPasscode passcode) {
    return channel -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("password", password.reveal());
      return channel
          .postForAuth("auth/" + AsyncKv.trim(mount) + "/login/" + username, body)
          .thenCompose(
              auth -> {
                JsonNode requirement = auth.path("mfa_requirement");
                if (requirement.isMissingNode() || requirement.isNull()) {
                  return CompletableFuture.completedFuture(AuthInfo.from(auth));
                }
                Map<String, List<String>> payload = new LinkedHashMap<>();
                requirement
                    .path("mfa_constraints")
                    .forEach(
                        constraint -> {
                          String id = constraint.path("any").path(0).path("id").asText();
                          payload.put(id, List.of(passcode.passcode(id)));
                        });
                Map<String, Object> validate = new LinkedHashMap<>();
                validate.put("mfa_request_id", requirement.path("mfa_request_id").asText());
                validate.put("mfa_payload", payload);
                return channel.post("sys/mfa/validate", validate);
              });
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
