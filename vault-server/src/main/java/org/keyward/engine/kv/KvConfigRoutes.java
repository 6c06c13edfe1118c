package org.keyward.engine.kv;

import io.vertx.core.Future;
import org.keyward.http.RequestContext;
import org.keyward.http.VaultResponse;

/** The {@code config} path: the mount-wide {@code max_versions}, {@code cas_required}, ... */
final class KvConfigRoutes {
  private final KvStore store;

  KvConfigRoutes(KvStore store) {
    this.store = store;
  }

  Future<VaultResponse> read(Void none, RequestContext context) {
    return store.config().map(config -> VaultResponse.data(config.toResponse()));
  }

  Future<VaultResponse> write(ConfigWriteRequest request, RequestContext context) {
    return store.updateConfig(request::applyTo).map(VaultResponse.noContent());
  }
}
