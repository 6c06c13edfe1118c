package org.keyward.engine.pki;

import io.vertx.core.json.JsonObject;

/** Roles for unit tests, built from Vault-style JSON as a client would write them. */
final class TestRoles {
  private TestRoles() {}

  static PkiRole of(JsonObject body) {
    return PkiRole.from(body);
  }

  /**
   * {@code example.org} with subdomains, no bare domain, IP SANs and localhost as Vault's default.
   */
  static PkiRole exampleOrg() {
    return of(new JsonObject().put("allowed_domains", "example.org").put("allow_subdomains", true));
  }
}
