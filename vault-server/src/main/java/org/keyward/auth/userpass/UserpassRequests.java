package org.keyward.auth.userpass;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.keyward.http.ApiError;
import org.keyward.http.Fields;
import org.keyward.http.RequestContext;

/** The validated request records of the userpass paths. Shape only; passwords never printed. */
final class UserpassRequests {
  /** Long enough for any passphrase; short enough that hashing cost stays bounded. */
  static final int MAX_PASSWORD_LENGTH = 1024;

  private UserpassRequests() {}

  /**
   * {@code POST users/:username}. Null fields were left out: an update changes only what it names,
   * and a create needs a password.
   */
  record WriteUser(
      UserName name,
      String password,
      List<String> tokenPolicies,
      Long tokenTtl,
      Long tokenMaxTtl,
      List<String> boundCidrs) {
    static WriteUser from(RequestContext request) {
      JsonObject b = request.body();
      String password = b.containsKey("password") ? passwordField(b) : null;
      List<String> policies = null;
      if (b.containsKey("token_policies")) {
        policies = Fields.stringList(b, "token_policies");
      } else if (b.containsKey("policies")) {
        policies = Fields.stringList(b, "policies");
      }
      if (policies != null) {
        policies = policies.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
      }
      List<String> cidrs = null;
      if (b.containsKey("token_bound_cidrs")) {
        cidrs = Fields.stringList(b, "token_bound_cidrs");
        cidrs.forEach(CidrBlock::parse);
        cidrs = cidrs.stream().map(String::strip).toList();
      }
      return new WriteUser(
          UserName.from(request),
          password,
          policies,
          duration(b, "token_ttl"),
          duration(b, "token_max_ttl"),
          cidrs);
    }

    @Override
    public String toString() {
      return "WriteUser[" + name.value() + ", REDACTED]";
    }
  }

  /** {@code POST users/:username/password}. */
  record SetPassword(UserName name, String password) {
    static SetPassword from(RequestContext request) {
      return new SetPassword(UserName.from(request), passwordField(request.body()));
    }

    @Override
    public String toString() {
      return "SetPassword[" + name.value() + ", REDACTED]";
    }
  }

  /** {@code POST login/:username}. */
  record Login(UserName name, String password) {
    static Login from(RequestContext request) {
      return new Login(UserName.from(request), passwordField(request.body()));
    }

    @Override
    public String toString() {
      return "Login[" + name.value() + ", REDACTED]";
    }
  }

  private static String passwordField(JsonObject b) {
    String password = Fields.requiredString(b, "password");
    if (password.isEmpty()) {
      throw ApiError.badRequest("missing password");
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      throw ApiError.badRequest("field 'password' is too long");
    }
    return password;
  }

  private static Long duration(JsonObject b, String name) {
    return b.containsKey(name) ? Fields.durationSeconds(b, name, 0) : null;
  }
}
