package org.keyward.engine.pki;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The two ready roles of the dev server, each valid for both ends of an mTLS link (server and
 * client flags): {@code core-server} for names under {@code core.keyward.internal} and {@code
 * cell-server} under {@code cells.keyward.internal}; both allow {@code localhost} and IP SANs, EC
 * P-256, TTL 72 h, max TTL 720 h.
 */
final class DefaultRoles {
  private DefaultRoles() {}

  static final Map<String, String> DOMAINS =
      Map.of("core-server", "core.keyward.internal", "cell-server", "cells.keyward.internal");

  static PkiRole role(String domain) {
    return PkiRole.from(
        new JsonObject()
            .put("allowed_domains", new JsonArray().add(domain))
            .put("allow_subdomains", true)
            .put("allow_bare_domains", true)
            .put("allow_localhost", true)
            .put("allow_ip_sans", true)
            .put("server_flag", true)
            .put("client_flag", true)
            .put("key_type", "ec")
            .put("key_bits", 256)
            .put("ttl", "72h")
            .put("max_ttl", "720h"));
  }

  static Future<Void> ensure(PkiStore store) {
    Future<Void> all = Future.succeededFuture();
    for (Map.Entry<String, String> entry : DOMAINS.entrySet()) {
      RoleName name = new RoleName(entry.getKey());
      all =
          all.compose(v -> store.role(name))
              .compose(
                  existing ->
                      existing.isPresent()
                          ? Future.succeededFuture()
                          : store.putRole(name, role(entry.getValue())));
    }
    return all;
  }
}
