package org.keyward.auth.userpass;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * {@code users/*}: create, update, read, list and delete users, and change a password. Passwords
 * are hashed on the hashing pool; reads never show the hash.
 */
final class UserRoutes {
  private final UserStore users;
  private final WorkerExecutor hashing;
  private final SecureRandom random = new SecureRandom();

  UserRoutes(UserStore users, WorkerExecutor hashing) {
    this.users = users;
    this.hashing = hashing;
  }

  Future<VaultResponse> write(UserpassRequests.WriteUser in, RequestContext request) {
    return users
        .get(in.name())
        .compose(
            existing -> {
              if (existing.isEmpty() && in.password() == null) {
                return Future.failedFuture(ApiError.badRequest("missing password"));
              }
              Future<Argon2idPasswordHash> hash =
                  in.password() == null
                      ? Future.succeededFuture(existing.get().password())
                      : hash(in.password());
              return hash.map(h -> merge(in, existing.orElse(null), h));
            })
        .compose(users::put)
        .map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> setPassword(UserpassRequests.SetPassword in, RequestContext request) {
    return users
        .get(in.name())
        .compose(
            existing -> {
              if (existing.isEmpty()) {
                return Future.failedFuture(ApiError.badRequest("username does not exist"));
              }
              return hash(in.password()).map(h -> existing.get().withPassword(h));
            })
        .compose(users::put)
        .map(v -> VaultResponse.noContent());
  }

  Future<VaultResponse> read(UserName name, RequestContext request) {
    return users
        .get(name)
        .map(u -> VaultResponse.data(u.orElseThrow(ApiError::notFound).publicData()));
  }

  Future<VaultResponse> list(Object ignored, RequestContext request) {
    return users
        .names()
        .map(
            names -> {
              if (names.isEmpty()) {
                throw ApiError.notFound();
              }
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(names)));
            });
  }

  Future<VaultResponse> delete(UserName name, RequestContext request) {
    return users.delete(name).map(v -> VaultResponse.noContent());
  }

  private Future<Argon2idPasswordHash> hash(String password) {
    return hashing.executeBlocking(() -> Argon2idPasswordHash.create(password, random), false);
  }

  private static UserEntry merge(
      UserpassRequests.WriteUser in, UserEntry old, Argon2idPasswordHash hash) {
    List<String> policies =
        in.tokenPolicies() != null
            ? in.tokenPolicies()
            : old == null ? List.of() : old.tokenPolicies();
    long ttl = in.tokenTtl() != null ? in.tokenTtl() : old == null ? 0 : old.tokenTtl();
    long maxTtl = in.tokenMaxTtl() != null ? in.tokenMaxTtl() : old == null ? 0 : old.tokenMaxTtl();
    if (maxTtl > 0 && ttl > maxTtl) {
      throw ApiError.badRequest("token_ttl must not be greater than token_max_ttl");
    }
    List<String> cidrs =
        in.boundCidrs() != null ? in.boundCidrs() : old == null ? List.of() : old.boundCidrs();
    return new UserEntry(in.name().value(), hash, policies, ttl, maxTtl, cidrs);
  }
}
