package org.keyward.auth.mfa;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.barrier.StorageView;
import org.keyward.barrier.StoredValue;
import org.keyward.barrier.ViewOp;

/**
 * Login MFA configuration and TOTP keys, through the barrier. Layout: {@code method/totp/<id>},
 * {@code enforcement/<name>}, {@code totp-secret/<method id>/<entity id>}. Ids are UUIDs we made
 * and names are validated, so every key is a valid storage key.
 */
final class MfaStore {
  private final StorageView view;

  MfaStore(StorageView view) {
    this.view = view;
  }

  Future<Optional<TotpMethod>> method(String id) {
    if (!MfaIds.valid(id)) {
      return Future.succeededFuture(Optional.empty());
    }
    return view.get("method/totp/" + id).map(row -> row.map(TotpMethod::fromBytes));
  }

  Future<Void> putMethod(TotpMethod method) {
    return view.put("method/totp/" + method.id(), method.toBytes());
  }

  Future<Void> deleteMethod(String id) {
    return view.delete("method/totp/" + id);
  }

  Future<List<String>> methodIds() {
    return view.list("method/totp/");
  }

  Future<Optional<LoginEnforcement>> enforcement(String name) {
    return view.get("enforcement/" + name).map(row -> row.map(LoginEnforcement::fromBytes));
  }

  Future<Void> putEnforcement(LoginEnforcement enforcement) {
    return view.put("enforcement/" + enforcement.name(), enforcement.toBytes());
  }

  Future<Void> deleteEnforcement(String name) {
    return view.delete("enforcement/" + name);
  }

  Future<List<String>> enforcementNames() {
    return view.list("enforcement/");
  }

  /** Every enforcement; read at each login (a handful of small rows). */
  Future<List<LoginEnforcement>> enforcements() {
    return enforcementNames()
        .compose(
            names -> {
              List<Future<Optional<LoginEnforcement>>> reads = new ArrayList<>();
              names.stream().filter(n -> !n.endsWith("/")).forEach(n -> reads.add(enforcement(n)));
              return Future.all(reads)
                  .map(
                      done -> {
                        List<LoginEnforcement> out = new ArrayList<>();
                        reads.forEach(f -> f.result().ifPresent(out::add));
                        return out;
                      });
            });
  }

  Future<Optional<StoredValue>> secret(String methodId, String entityId) {
    if (!MfaIds.valid(methodId) || !MfaIds.valid(entityId)) {
      return Future.succeededFuture(Optional.empty());
    }
    return view.read(secretKey(methodId, entityId));
  }

  /** Stores a new key; fails with a storage conflict if the entity already has one. */
  Future<Void> createSecret(String methodId, String entityId, TotpSecret secret) {
    String key = secretKey(methodId, entityId);
    return view.transaction(List.of(ViewOp.expect(key, null), ViewOp.put(key, secret.toBytes())));
  }

  /** Records a used step, only if the key is still as {@code read} saw it. */
  Future<Void> markUsed(String methodId, String entityId, StoredValue read, TotpSecret used) {
    String key = secretKey(methodId, entityId);
    return view.transaction(
        List.of(ViewOp.expect(key, read.revision()), ViewOp.put(key, used.toBytes())));
  }

  Future<Void> deleteSecret(String methodId, String entityId) {
    return view.delete(secretKey(methodId, entityId));
  }

  private static String secretKey(String methodId, String entityId) {
    return "totp-secret/" + methodId + "/" + entityId;
  }
}
