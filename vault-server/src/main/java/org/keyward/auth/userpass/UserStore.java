package org.keyward.auth.userpass;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.keyward.barrier.StorageView;

/** Users of one userpass mount, one entry each under {@code user/<name>} in the mount's view. */
final class UserStore {
  private static final String PREFIX = "user/";

  private final StorageView view;

  UserStore(StorageView view) {
    this.view = view;
  }

  Future<Optional<UserEntry>> get(UserName name) {
    return view.get(PREFIX + name.value()).map(row -> row.map(UserEntry::fromBytes));
  }

  Future<Void> put(UserEntry user) {
    return view.put(PREFIX + user.name(), user.toBytes());
  }

  Future<Void> delete(UserName name) {
    return view.delete(PREFIX + name.value());
  }

  Future<List<String>> names() {
    return view.list(PREFIX).map(keys -> keys.stream().filter(k -> !k.endsWith("/")).toList());
  }
}
