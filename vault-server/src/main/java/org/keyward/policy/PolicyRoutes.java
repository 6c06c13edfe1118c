package org.keyward.policy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.keyward.http.ApiError;
import org.keyward.http.Operation;
import org.keyward.http.Operation.Flag;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/**
 * Vault's policy endpoints, as operations under the {@code sys/} mount: {@code
 * sys/policies/acl[/:name]} (text in {@code policy}) and the older {@code sys/policy[/:name]} (text
 * in {@code rules} on read; {@code policy} or {@code rules} on write). Responses copy {@code data}
 * to the top level as Vault's sys endpoints do.
 */
public final class PolicyRoutes {
  private final PolicyStore store;

  public PolicyRoutes(PolicyStore store) {
    this.store = store;
  }

  /** Every policy operation, patterns relative to {@code sys/}. */
  public List<Operation<?>> operations() {
    return List.of(
        Operation.list("policies/acl", r -> null, (in, r) -> listAcl()).with(Flag.NO_EFFECTS),
        Operation.read("policies/acl/:name", PolicyRequest::named, (in, r) -> read(in, "policy"))
            .with(Flag.NO_EFFECTS),
        Operation.write("policies/acl/:name", PolicyRequest::write, this::write),
        Operation.delete("policies/acl/:name", PolicyRequest::named, this::delete),
        Operation.read("policy", r -> null, (in, r) -> listLegacy()).with(Flag.NO_EFFECTS),
        Operation.read("policy/:name", PolicyRequest::named, (in, r) -> read(in, "rules"))
            .with(Flag.NO_EFFECTS),
        Operation.write("policy/:name", PolicyRequest::writeLegacy, this::write),
        Operation.delete("policy/:name", PolicyRequest::named, this::delete));
  }

  private Future<VaultResponse> listAcl() {
    return Future.succeededFuture(
        VaultResponse.sysData(new JsonObject().put("keys", new JsonArray(store.names()))));
  }

  private Future<VaultResponse> listLegacy() {
    JsonArray names = new JsonArray(store.names());
    return Future.succeededFuture(
        VaultResponse.sysData(new JsonObject().put("keys", names).put("policies", names.copy())));
  }

  private Future<VaultResponse> read(PolicyRequest in, String textField) {
    return store
        .get(in.name())
        .map(
            p ->
                Future.succeededFuture(
                    VaultResponse.sysData(
                        new JsonObject().put("name", p.name().value()).put(textField, p.text()))))
        .orElseGet(() -> Future.failedFuture(ApiError.notFound()));
  }

  private Future<VaultResponse> write(PolicyRequest in, RequestContext request) {
    return store
        .put(in.name(), in.text())
        .map(
            v ->
                in.usedRules()
                    ? VaultResponse.data(null)
                        .withWarnings(List.of("'rules' is deprecated, please use 'policy' instead"))
                    : VaultResponse.noContent());
  }

  private Future<VaultResponse> delete(PolicyRequest in, RequestContext request) {
    return store.delete(in.name()).map(v -> VaultResponse.noContent());
  }
}
