package org.keyward.engine.pki;

import org.keyward.http.RequestContext;

/** A {@code roles/:role} write: the whole role, as Vault's POST replaces it. */
record RoleWriteRequest(RoleName name, PkiRole role) {
  static RoleWriteRequest from(RequestContext request) {
    return new RoleWriteRequest(RoleName.from(request), PkiRole.from(request.body()));
  }
}
