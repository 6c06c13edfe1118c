package org.keyward.auth.mfa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** {@code identity/mfa/login-enforcement/*}: create, update, read, list and delete. */
final class LoginEnforcementRoutes {
  private final MfaStore store;

  LoginEnforcementRoutes(MfaStore store) {
    this.store = store;
  }

  List<Operation<?>> operations() {
    return List.of(
        Operation.list("mfa/login-enforcement", r -> null, this::list),
        Operation.write("mfa/login-enforcement/:name", r -> r, this::write),
        Operation.read("mfa/login-enforcement/:name", r -> r.param("name"), this::read),
        Operation.delete("mfa/login-enforcement/:name", r -> r.param("name"), this::delete));
  }

  private Future<VaultResponse> write(RequestContext in, RequestContext request) {
    String name = in.param("name");
    return store
        .enforcement(validName(name))
        .compose(
            old -> {
              String id = old.map(LoginEnforcement::id).orElse(UUID.randomUUID().toString());
              LoginEnforcement e = LoginEnforcement.from(name, id, in.body());
              return checkMethods(e).compose(v -> store.putEnforcement(e));
            })
        .map(v -> VaultResponse.noContent());
  }

  private Future<Void> checkMethods(LoginEnforcement e) {
    List<Future<Optional<TotpMethod>>> reads = new ArrayList<>();
    e.methodIds().forEach(id -> reads.add(store.method(id)));
    return Future.all(reads)
        .compose(
            done -> {
              for (int i = 0; i < reads.size(); i++) {
                if (reads.get(i).result().isEmpty()) {
                  return Future.failedFuture(
                      ApiError.badRequest("MFA method not found: " + e.methodIds().get(i)));
                }
              }
              return Future.succeededFuture();
            });
  }

  private Future<VaultResponse> read(String name, RequestContext request) {
    return store
        .enforcement(validName(name))
        .map(e -> VaultResponse.data(e.orElseThrow(ApiError::notFound).toData()));
  }

  private Future<VaultResponse> delete(String name, RequestContext request) {
    return store.deleteEnforcement(validName(name)).map(v -> VaultResponse.noContent());
  }

  private Future<VaultResponse> list(Object ignored, RequestContext request) {
    return store
        .enforcementNames()
        .map(
            names -> {
              if (names.isEmpty()) {
                throw ApiError.notFound();
              }
              return VaultResponse.data(new JsonObject().put("keys", new JsonArray(names)));
            });
  }

  private static String validName(String name) {
    if (!name.matches("[A-Za-z0-9_.-]{1,128}")) {
      throw ApiError.badRequest(
          "invalid enforcement name: use 1-128 letters, digits, '_', '.', '-'");
    }
    return name;
  }
}
