package org.keyward.auth.cert;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keyward.view.StorageView;

/** Cert roles of one mount, as JSON under {@code cert/<name>} in the mount's view. */
final class CertRoleStore {
  private final StorageView view;

  CertRoleStore(StorageView view) {
    this.view = view;
  }

  Future<Void> put(CertRole role) {
    return view.put(key(role.name()), role.toJson().toBuffer().getBytes());
  }

  Future<Optional<CertRole>> get(String name) {
    return view.get(key(name))
        .map(o -> o.map(b -> CertRole.fromJson(new JsonObject(Buffer.buffer(b)))));
  }

  Future<Void> delete(String name) {
    return view.delete(key(name));
  }

  /** Role names in a stable (sorted) order: the order logins try them in. */
  Future<List<String>> names() {
    return view.list("cert/")
        .map(keys -> keys.stream().filter(k -> !k.endsWith("/")).sorted().toList());
  }

  /** Every role, in {@link #names()} order. */
  Future<List<CertRole>> all() {
    return names()
        .compose(
            names -> {
              Future<List<CertRole>> acc = Future.succeededFuture(new ArrayList<>());
              for (String n : names) {
                acc =
                    acc.compose(
                        list ->
                            get(n)
                                .map(
                                    r -> {
                                      r.ifPresent(list::add);
                                      return list;
                                    }));
              }
              return acc;
            });
  }

  private static String key(String name) {
    return "cert/" + name;
  }
}
